import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ScaleDimension } from './scale-definition';

/** One published version of a scale. Rows are never updated: a change is a new version. */
@Entity({ name: 'scale' })
export class ScaleEntity {
  @PrimaryColumn('text')
  code: string;

  @PrimaryColumn('int')
  version: number;

  @Column('text')
  name: string;

  @Column('jsonb')
  dimensions: ScaleDimension[];

  @Column('text')
  publishedBy: string;

  @Column('timestamptz', { default: () => 'now()' })
  publishedAt: Date;
}
