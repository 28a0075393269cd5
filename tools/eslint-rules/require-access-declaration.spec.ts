import { RuleTester, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rule: Rule.RuleModule = require('./require-access-declaration.cjs');

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

tester.run('require-access-declaration', rule, {
  valid: [
    { name: 'REST handler with @Roles', code: "class C { @Get(':id') @Roles('jobcenter') get() {} }" },
    { name: 'health route marked @Public', code: "class C { @Public() @Get('health') health() {} }" },
    { name: 'declared on the class', code: "@Roles('admin') class C { @Post() create() {} }" },
    { name: 'query with @Roles', code: "@Resolver() class R { @Query(() => X) @Roles('provider', 'admin') x() {} }" },
    {
      name: 'field resolver with @Roles',
      code: "@Resolver(() => R) class R { @ResolveField(() => [M]) @Roles('jobcenter') measurements() {} }",
    },
    { name: 'reference resolver marked @Public', code: 'class R { @ResolveReference() @Public() ref() {} }' },
    { name: 'namespaced decorator', code: "class C { @Get() @auth.Roles('admin') get() {} }" },
    { name: 'a method that is no entry point', code: 'class C { helper() {} @Other() other() {} }' },
    {
      name: 'custom declaration names',
      code: "class C { @Get() @Access('read') get() {} }",
      options: [{ declarations: ['Access'] }],
    },
  ],
  invalid: [
    {
      name: 'REST handler without declaration',
      code: "class C { @Get(':id') get() {} }",
      errors: [{ messageId: 'undeclared', data: { entry: '@Get', name: 'get' } }],
    },
    {
      name: 'every HTTP verb',
      code: 'class C { @Post() a() {} @Put() b() {} @Patch() c() {} @Delete() d() {} }',
      errors: 4,
    },
    {
      name: 'mutation without declaration',
      code: '@Resolver() class R { @Mutation(() => X) doIt() {} }',
      errors: [{ messageId: 'undeclared', data: { entry: '@Mutation', name: 'doIt' } }],
    },
    {
      name: 'field resolver and reference resolver without declaration',
      code: 'class R { @ResolveField(() => X) f() {} @ResolveReference() r() {} }',
      errors: [
        { messageId: 'undeclared', data: { entry: '@ResolveField', name: 'f' } },
        { messageId: 'undeclared', data: { entry: '@ResolveReference', name: 'r' } },
      ],
    },
    {
      name: 'an unrelated decorator on the class does not count',
      code: "@Controller('x') class C { @Get() @ApiOkResponse() get() {} }",
      errors: [{ messageId: 'undeclared' }],
    },
    { name: 'empty @Roles()', code: 'class C { @Get() @Roles() get() {} }', errors: [{ messageId: 'emptyRoles' }] },
    {
      name: 'a declaration name not configured',
      code: "class C { @Get() @Roles('admin') get() {} }",
      options: [{ declarations: ['Access'] }],
      errors: [{ messageId: 'undeclared' }],
    },
  ],
});
