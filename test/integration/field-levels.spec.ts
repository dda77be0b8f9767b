import { describe, expect, it } from '@jest/globals';
import type { ActionItem, ActivityPage } from '@sidang/shared';
import { sql } from './support/db.js';
import { demoSuite } from './support/demo-suite.js';
import type { LiveClient, Session } from './support/harness.js';

/**
 * Field-level need-to-know: a record cleared for a reader with a field above them reaches
 * them without that field, named in `redactedFields`, on every channel.
 */
describe('field-level classification on every channel', () => {
  const demo = demoSuite(['chair', 'member', 'observer']);

  const subscribed = async (session: Session): Promise<LiveClient> => {
    const client = await demo.app.connect(session.token);
    expect((await client.subscribe(demo.committeeId)).ok).toBe(true);
    return client;
  };

  it('should withhold a SECRET description from a CONFIDENTIAL reader on REST, socket, catch-up and activity, and give it to a SECRET one', async () => {
    const marker = `RED-LINE-${Math.random().toString(36).slice(2)}`;
    const [memberSocket, chairSocket, observerSocket] = await Promise.all([
      subscribed(demo.member),
      subscribed(demo.chair),
      subscribed(demo.observer),
    ]);
    const { latestSeq } = (
      await demo.app.request<{ latestSeq: number }>('GET', `/api/committees/${demo.committeeId}/events?after=0&limit=1`, demo.member.token)
    ).body;

    const created = await demo.app.createItem(demo.chair.token, demo.committeeId, {
      title: 'Incentive envelope for the magnet plant',
      description: marker,
      classification: 'CONFIDENTIAL',
      fieldClassifications: { description: 'SECRET' },
    });
    expect(created.description).toBe(marker);

    await memberSocket.waitFor((events) => events.some((e) => e.entityId === created.id));
    await chairSocket.waitFor((events) => events.some((e) => e.entityId === created.id));
    const open = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: 'Open control' });
    await observerSocket.waitFor((events) => events.some((e) => e.entityId === open.id));

    const memberSees = {
      list: await demo.app.request<ActionItem[]>('GET', `/api/committees/${demo.committeeId}/action-items`, demo.member.token),
      get: await demo.app.request<ActionItem>('GET', `/api/action-items/${created.id}`, demo.member.token),
      socket: memberSocket.events,
      catchUp: await demo.app.catchUp(demo.member.token, demo.committeeId, latestSeq, 2),
      activity: await demo.app.request<ActivityPage>(
        'GET',
        `/api/committees/${demo.committeeId}/activity?entityId=${created.id}`,
        demo.member.token,
      ),
    };
    expect(JSON.stringify(memberSees)).not.toContain(marker);
    expect(memberSees.get.body.redactedFields).toEqual(['description']);
    expect(memberSees.get.body.title).toBe('Incentive envelope for the magnet plant');
    expect(memberSees.list.body.find((item) => item.id === created.id)?.redactedFields).toEqual(['description']);
    const live = memberSocket.events.find((e) => e.entityId === created.id);
    expect(live?.data).toMatchObject({ id: created.id, redactedFields: ['description'] });
    expect(memberSees.catchUp.events.find((e) => e.entityId === created.id)?.data).toMatchObject({ redactedFields: ['description'] });
    expect(memberSees.activity.body.items).toHaveLength(1);

    // The observer is not cleared for the record at all; the chair for all of it.
    expect(JSON.stringify(observerSocket.events)).not.toContain(created.id);
    expect(JSON.stringify(chairSocket.events.find((e) => e.entityId === created.id))).toContain(marker);
    expect((await demo.app.request<ActionItem>('GET', `/api/action-items/${created.id}`, demo.chair.token)).body.description).toBe(marker);
    expect(JSON.stringify(await demo.app.catchUp(demo.chair.token, demo.committeeId, latestSeq))).toContain(marker);
  });

  it('should keep a field above an editor out of their 409 and refuse their edit of it, naming it', async () => {
    const marker = `FALLBACK-${Math.random().toString(36).slice(2)}`;
    const secretariat = await demo.app.login('secretariat');
    const item = await demo.app.createItem(demo.chair.token, demo.committeeId, {
      title: 'Withheld from a CONFIDENTIAL editor',
      classification: 'CONFIDENTIAL',
      description: marker,
      fieldClassifications: { description: 'SECRET' },
    });
    const { dataSource } = sql(demo.app);
    await dataSource.query(`UPDATE users SET clearance = 'CONFIDENTIAL' WHERE id = $1`, [secretariat.user.id]);
    try {
      const stale = await demo.app.request<{ current: ActionItem }>('PATCH', `/api/action-items/${item.id}`, secretariat.token, {
        version: 7,
        title: 'Stale',
      });
      expect(stale.status).toBe(409);
      expect(stale.body.current.redactedFields).toEqual(['description']);
      expect(JSON.stringify(stale.body)).not.toContain(marker);

      const overwrite = await demo.app.request<{ message: string }>('PATCH', `/api/action-items/${item.id}`, secretariat.token, {
        version: 1,
        description: 'Overwritten blind',
      });
      expect(overwrite.status).toBe(400);
      expect(overwrite.body.message).toMatch(/^description:/);
      const tooHigh = await demo.app.request<{ message: string }>(
        'POST',
        `/api/committees/${demo.committeeId}/action-items`,
        secretariat.token,
        {
          title: 'Above me',
          fieldClassifications: { description: 'SECRET' },
        },
      );
      expect(tooHigh.status).toBe(400);
      expect(tooHigh.body.message).toMatch(/^fieldClassifications\.description:/);

      // Positive control: the fields they may see they may edit, and the withheld one is kept.
      const retitled = await demo.app.request<ActionItem>('PATCH', `/api/action-items/${item.id}`, secretariat.token, {
        version: 1,
        title: 'Retitled',
      });
      expect(retitled.status).toBe(200);
      expect(JSON.stringify(retitled.body)).not.toContain(marker);

      // Levels they may not see are kept whatever the editor sends: leaving the withheld field
      // out of `fieldClassifications` must not declassify it, nor may a change of the record's level.
      const levelsCleared = await demo.app.request<ActionItem>('PATCH', `/api/action-items/${item.id}`, secretariat.token, {
        version: 2,
        fieldClassifications: {},
      });
      expect(levelsCleared.status).toBe(200);
      expect(levelsCleared.body.redactedFields).toEqual(['description']);
      const lowered = await demo.app.request<ActionItem>('PATCH', `/api/action-items/${item.id}`, secretariat.token, {
        version: 3,
        classification: 'RESTRICTED',
      });
      expect(lowered.status).toBe(200);
      expect(lowered.body.redactedFields).toEqual(['description']);
      expect(JSON.stringify(lowered.body)).not.toContain(marker);
      const observerView = await demo.app.request<ActionItem>('GET', `/api/action-items/${item.id}`, demo.observer.token);
      expect(JSON.stringify(observerView.body)).not.toContain(marker);
    } finally {
      await dataSource.query(`UPDATE users SET clearance = 'SECRET' WHERE id = $1`, [secretariat.user.id]);
    }
    expect((await demo.app.request<ActionItem>('GET', `/api/action-items/${item.id}`, demo.chair.token)).body).toMatchObject({
      title: 'Retitled',
      description: marker,
      classification: 'RESTRICTED',
      fieldClassifications: { description: 'SECRET' },
    });
  });

  it('should remove a field live from screens below it when its level is raised', async () => {
    const marker = `POSITION-${Math.random().toString(36).slice(2)}`;
    const memberSocket = await subscribed(demo.member);
    const item = await demo.app.createItem(demo.chair.token, demo.committeeId, {
      title: 'Our position',
      description: marker,
      classification: 'CONFIDENTIAL',
    });
    await memberSocket.waitFor((events) => events.some((e) => e.entityId === item.id && e.type === 'action-item.created'));
    expect(JSON.stringify(memberSocket.events)).toContain(marker); // positive control: visible before the raise

    const raised = await demo.app.request<ActionItem>('PATCH', `/api/action-items/${item.id}`, demo.chair.token, {
      version: 1,
      fieldClassifications: { description: 'SECRET' },
    });
    expect(raised.status).toBe(200);
    const events = await memberSocket.waitFor((received) =>
      received.some((e) => e.entityId === item.id && e.type === 'action-item.updated'),
    );
    const update = events.find((e) => e.entityId === item.id && e.type === 'action-item.updated');
    expect(update?.data).toMatchObject({ id: item.id, version: 2, redactedFields: ['description'] });
    expect(JSON.stringify(update)).not.toContain(marker);
    await memberSocket.delivered();
  });
});
