import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A provider (leverandør) under framework agreements; its id is its CVR number. */
@Entity({ name: 'provider' })
export class ProviderEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  name: string;

  /** Municipality codes whose jobcenters may refer citizens to this provider. */
  @Column('text', { array: true })
  municipalities: string[];

  @Column('timestamptz', { default: () => 'now()' })
  createdAt: Date;
}
