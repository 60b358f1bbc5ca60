import { createKafka } from '@lotbridge/messaging';
(async () => {
  const admin = createKafka('lag').admin();
  await admin.connect();
  for (const topic of ['lot.movements.v1', 'allocation.reservations.v1']) {
    const ends = await admin.fetchTopicOffsets(topic);
    const [c] = await admin.fetchOffsets({ groupId: 'inventory-service', topics: [topic] });
    console.log(topic, ends.map((e) => `${e.partition}:${e.high}`).join(' '), c?.partitions.map((p) => `${p.partition}:${p.offset}`).join(' '));
  }
  const groups = await admin.describeGroups(['inventory-service']);
  console.log(JSON.stringify(groups.groups.map((g) => [g.state, g.members.length])));
  await admin.disconnect();
  process.exit(0);
})();
