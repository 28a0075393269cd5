'use strict';

/**
 * Every entry point declares who may call it (STYLE.md 13, ADR 0052): a Nest route handler or GraphQL operation
 * without `@Roles(...)` or `@Public()` — on the method or on its class — is an error, so a new route fails the
 * build instead of being open to any authenticated role. Modelled on twentyhq/twenty's
 * `graphql-resolvers-should-be-guarded`, written for our decorators.
 */

const ENTRY_POINTS = new Set([
  // REST (Nest)
  'Get',
  'Post',
  'Put',
  'Patch',
  'Delete',
  'Head',
  'Options',
  'All',
  // GraphQL (@nestjs/graphql)
  'Query',
  'Mutation',
  'Subscription',
  'ResolveField',
  'ResolveReference',
]);

const DEFAULT_DECLARATIONS = ['Roles', 'Public'];

/** The called name of a decorator: `@Roles('a')` → Roles, `@auth.Roles()` → Roles, `@Public` → Public. */
function decoratorName(decorator) {
  let expression = decorator.expression;
  if (expression.type === 'CallExpression') expression = expression.callee;
  if (expression.type === 'Identifier') return expression.name;
  if (expression.type === 'MemberExpression' && expression.property.type === 'Identifier') {
    return expression.property.name;
  }
  return undefined;
}

/** A `@Roles()` without roles declares nothing. */
function declares(decorator, declarations) {
  const name = decoratorName(decorator);
  if (!name || !declarations.has(name)) return false;
  const expression = decorator.expression;
  if (name === 'Roles' && expression.type === 'CallExpression') return expression.arguments.length > 0;
  return true;
}

function methodName(node) {
  if (node.key.type === 'Identifier') return node.key.name;
  if (node.key.type === 'Literal') return String(node.key.value);
  return '<computed>';
}

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Require every route handler and resolver operation to declare who may call it' },
    schema: [
      {
        type: 'object',
        properties: { declarations: { type: 'array', items: { type: 'string' }, minItems: 1 } },
        additionalProperties: false,
      },
    ],
    messages: {
      undeclared:
        '{{entry}} handler `{{name}}` does not declare who may call it: add @Roles(...) or @Public() to it or its class.',
      emptyRoles: '@Roles() without roles on `{{name}}` admits nobody by accident: list the roles or use @Public().',
    },
  },
  create(context) {
    const declarations = new Set(context.options[0]?.declarations ?? DEFAULT_DECLARATIONS);
    return {
      MethodDefinition(node) {
        const decorators = node.decorators ?? [];
        const entry = decorators.map(decoratorName).find((name) => name && ENTRY_POINTS.has(name));
        if (!entry) return;
        const name = methodName(node);
        const emptyRoles = decorators.find(
          (d) =>
            decoratorName(d) === 'Roles' &&
            d.expression.type === 'CallExpression' &&
            d.expression.arguments.length === 0,
        );
        if (emptyRoles) {
          context.report({ node: emptyRoles, messageId: 'emptyRoles', data: { name } });
          return;
        }
        if (decorators.some((d) => declares(d, declarations))) return;
        const classNode = node.parent && node.parent.parent;
        const classDecorators = (classNode && classNode.decorators) || [];
        if (classDecorators.some((d) => declares(d, declarations))) return;
        context.report({ node: node.key, messageId: 'undeclared', data: { entry: `@${entry}`, name } });
      },
    };
  },
};
