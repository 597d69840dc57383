import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('directory in the OpenAPI document', () => {
  it('documents every directory endpoint with its parameters and answers', async () => {
    const doc = (await t.client().get('/api/docs/json')).body;
    const ops: Record<string, string[]> = {
      '/api/v1/users': ['get', 'post'],
      '/api/v1/users/{id}': ['get', 'patch'],
      '/api/v1/teams': ['get', 'post'],
      '/api/v1/teams/{id}': ['get'],
      '/api/v1/teams/{id}/members': ['put'],
      '/api/v1/contacts': ['get', 'post'],
      '/api/v1/contacts/{id}': ['get', 'patch'],
      '/api/v1/matters': ['get', 'post'],
      '/api/v1/matters/{id}': ['get', 'patch'],
      '/api/v1/matters/{id}/contacts': ['post'],
      '/api/v1/matters/{id}/contacts/{contactId}': ['delete'],
    };
    for (const [path, methods] of Object.entries(ops))
      for (const method of methods) {
        const op = doc.paths[path]?.[method];
        expect(op, `${method} ${path}`).toBeDefined();
        expect(op.summary).toEqual(expect.any(String));
      }
    const createContact = doc.paths['/api/v1/contacts'].post;
    const body = createContact.requestBody.content['application/json'].schema;
    expect(body.properties.phones.items.properties.number.type).toBe('string');
    const listUsers = doc.paths['/api/v1/users'].get;
    expect(listUsers.parameters.map((p: any) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'cursor', 'q', 'role', 'active']),
    );
    expect(doc.paths['/api/v1/matters/{id}/contacts'].post.responses).toHaveProperty('201');
  });
});
