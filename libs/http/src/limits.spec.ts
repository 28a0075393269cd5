import 'reflect-metadata';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type { ArgumentMetadata } from '@nestjs/common';
import { DomainError } from '@platform/domain-kernel';
import { documentValidationBounds, limitErrors, MAX_ARRAY_ITEMS } from './limits';
import { StrictValidationPipe } from './validation';

class Entry {
  @ApiProperty()
  @IsString()
  @MaxLength(5)
  note: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(3)
  @IsString({ each: true })
  @MaxLength(4, { each: true })
  tasks: string[];
}

class Book {
  @ApiProperty({ type: [Entry] })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => Entry)
  entries: Entry[];

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  version?: number;

  @ApiProperty({ example: 'AB' })
  @IsString()
  @Matches(/^[A-Z]+$/)
  @Length(2, 8)
  code: string;

  @ApiProperty({ maxLength: 3 })
  @IsString()
  @MaxLength(9)
  explicit: string;
}

const body: ArgumentMetadata = { type: 'body', metatype: Book };
const refusal = async (value: unknown) => {
  try {
    await new StrictValidationPipe().transform(value, body);
  } catch (error) {
    return (error as DomainError).details;
  }
  throw new Error('not refused');
};

describe('limits declared on DTOs, judged before the body is transformed (ADR 0072)', () => {
  it('refuses an array over its ArrayMaxSize without looking at its elements, naming the field', () => {
    expect(limitErrors(Book, { entries: Array(11).fill(null) })).toEqual([
      { field: 'entries', message: 'must contain no more than 10 elements' },
    ]);
  });

  it('follows nested DTOs and each-element limits', () => {
    expect(
      limitErrors(Book, {
        entries: [{ note: 'ok', tasks: [] }, { note: 'too long', tasks: ['a', 'b', 'c', 'd'] }, { tasks: ['12345'] }],
        code: 'ABCDEFGHI',
      }),
    ).toEqual([
      { field: 'entries[1].note', message: 'must be shorter than or equal to 5 characters' },
      { field: 'entries[1].tasks', message: 'must contain no more than 3 elements' },
      { field: 'entries[2].tasks[0]', message: 'must be shorter than or equal to 4 characters' },
      { field: 'code', message: 'must be shorter than or equal to 8 characters' },
    ]);
  });

  it(`refuses any array longer than ${MAX_ARRAY_ITEMS} where no limit is declared`, () => {
    expect(limitErrors(Book, { free: { list: Array(MAX_ARRAY_ITEMS + 1).fill(0) } })).toEqual([
      { field: 'free.list', message: `must contain no more than ${MAX_ARRAY_ITEMS} elements` },
    ]);
    expect(limitErrors(Book, { free: { list: Array(MAX_ARRAY_ITEMS).fill(0) } })).toEqual([]);
  });

  it('treats null in an optional property as absent, and leaves null in a required one to validation', () => {
    const value: Record<string, unknown> = { version: null, code: null };
    expect(limitErrors(Book, value)).toEqual([]);
    expect(value).toEqual({ code: null });
  });

  it('the pipe refuses 100,000 entries in milliseconds with a field-level 400', async () => {
    const value = { entries: Array.from({ length: 100_000 }, () => ({})), code: 'AB', explicit: 'x' };
    const started = performance.now();
    const details = await refusal(value);
    expect(performance.now() - started).toBeLessThan(50);
    expect(details).toEqual({ errors: [{ field: 'entries', message: 'must contain no more than 10 elements' }] });
  });

  it('the pipe accepts a body within the limits, and null optional fields reach the handler as absent', async () => {
    const dto = await new StrictValidationPipe().transform(
      { entries: [{ note: 'ok', tasks: ['a'] }], version: null, code: 'AB', explicit: 'x' },
      body,
    );
    expect(dto).toBeInstanceOf(Book);
    expect((dto as Book).version).toBeUndefined();
  });

  it('writes the limits into the swagger metadata; what @ApiProperty says wins', () => {
    documentValidationBounds();
    const meta = (cls: object, key: string) =>
      Reflect.getMetadata('swagger/apiModelProperties', (cls as { prototype: object }).prototype, key) as object;
    expect(meta(Book, 'entries')).toMatchObject({ maxItems: 10 });
    expect(meta(Book, 'code')).toMatchObject({ pattern: '^[A-Z]+$', minLength: 2, maxLength: 8 });
    expect(meta(Book, 'explicit')).toMatchObject({ maxLength: 3 });
    expect(meta(Entry, 'tasks')).toMatchObject({ type: 'array', maxItems: 3, items: { type: 'string', maxLength: 4 } });
  });
});
