import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { EVENT_TOPICS } from '@platform/contracts';

export const READ_MODEL_TABLES = ['course_fact', 'measurement_fact', 'placement_fact', 'outcome_follow_up'];

/**
 * Empties the read models and this consumer group's inbox, and rewinds the group to the start of every topic, so
 * the projections are rebuilt from the events when the service starts again. The service must be stopped: Kafka
 * refuses to move the offsets of a group with live members, and this refuses too, before touching anything.
 */
export async function rebuildReadModels(dataSource: DataSource, kafka: Kafka, group: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([group]);
    const live = groups.find((g) => g.groupId === group && g.members.length > 0);
    if (live)
      throw new Error(`consumer group "${group}" has ${live.members.length} live member(s): stop the service first`);
    await dataSource.transaction(async (manager) => {
      await manager.query(`TRUNCATE ${READ_MODEL_TABLES.map((t) => `reporting.${t}`).join(', ')}`);
      await manager.query('DELETE FROM reporting.processed_event WHERE consumer = $1', [group]);
      await manager.query('DELETE FROM reporting.consumer_position WHERE consumer = $1', [group]);
    });
    for (const topic of EVENT_TOPICS) await admin.resetOffsets({ groupId: group, topic, earliest: true });
  } finally {
    await admin.disconnect();
  }
}
