import { describe, expect, it } from '@jest/globals';
import { entitySchema, registeredEntities } from './entity-registry.ts';
import './entities.ts';
import { registerEntitySchemas } from './entity-schemas.ts';

describe(registerEntitySchemas.name, () => {
  it('should give every record type the client keeps live a schema, one file at a time', async () => {
    const types = registeredEntities().map((registration) => registration.type);
    expect(types.length).toBeGreaterThan(15);
    expect(registeredEntities().filter((registration) => !entitySchema(registration))).toHaveLength(types.length);
    await registerEntitySchemas();
    expect(
      registeredEntities()
        .filter((registration) => !entitySchema(registration))
        .map((registration) => registration.type),
    ).toEqual([]);
    // A second call does the work once.
    await registerEntitySchemas();
    const action = registeredEntities().find((registration) => registration.type === 'action-item');
    expect(action && entitySchema(action)?.safeParse({ id: 'not a record' }).success).toBe(false);
  });
});
