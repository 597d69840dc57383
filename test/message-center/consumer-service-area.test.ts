import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineMiles } from '../../server/platform/geo/haversine';
import { expectProblem } from '../conversations/helpers';
import { startTestApp, type TestApp } from '../support/app';
import { type Firm, makeFirm, makeUser, type StaffUser, unique } from '../support/factories';
import { customerTexts, dashboard, freshPhone, makeAgent, makeTeam } from './helpers';

interface Place {
  postalCode: string;
  city: string;
  state: string;
  lat: number;
  lng: number;
  label: string;
}

// The location is centred on the centre of ZIP 02110 (Boston). Its ideal radius is exactly the
// distance to 01880 (Wakefield, about 9.94 miles) and its maximum exactly the distance to 01772
// (Southborough, about 24.94 miles); 02466 (Auburndale, about 10.08) lies just beyond the ideal
// radius and 02050 (Marshfield, about 25.02) just beyond the maximum.
describe('Message Center service area', () => {
  let t: TestApp;
  let firm: Firm;
  let agent: StaffUser;
  let campaignPhone: string;
  let plainCampaignPhone: string;
  const places = new Map<string, Place>();

  async function place(zip: string): Promise<Place> {
    const r = await agent.client.get(`/api/v1/geocoder/suggest?q=${zip}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items).toHaveLength(1);
    return r.body.items[0];
  }

  async function campaignOn(locationId: string, teamId: string) {
    const phone = freshPhone('617');
    const r = await firm.admin.client.post('/api/v1/campaigns', {
      locationId,
      name: `Campaign ${unique()}`,
      phone,
      teamId,
      helpText: 'Edge Co. Call 617-555-0100.',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return phone;
  }

  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t);
    agent = await makeAgent(t, firm, 'Edge Agent');
    const teamId = await makeTeam(firm, [agent]);
    for (const zip of ['02110', '01880', '02466', '01772', '02050']) places.set(zip, await place(zip));
    const centre = places.get('02110') as Place;
    const miles = (zip: string) => haversineMiles(centre, places.get(zip) as Place);
    const admin = firm.admin.client;
    const group = await admin.post('/api/v1/groups', { name: `Group ${unique()}` });
    const location = await admin.post('/api/v1/locations', {
      groupId: group.body.id,
      name: 'Boston downtown',
      serviceArea: {
        postalCode: '02110',
        lat: centre.lat,
        lng: centre.lng,
        idealMiles: miles('01880'),
        maxMiles: miles('01772'),
      },
    });
    expect(location.status, JSON.stringify(location.body)).toBe(201);
    const plain = await admin.post('/api/v1/locations', { groupId: group.body.id, name: 'No area' });
    expect(plain.status, JSON.stringify(plain.body)).toBe(201);
    campaignPhone = await campaignOn(location.body.id, teamId);
    plainCampaignPhone = await campaignOn(plain.body.id, teamId);
  });
  afterAll(async () => t.close());

  async function verdictFor(address: string, to = campaignPhone) {
    const customer = freshPhone('415');
    const text = await customerTexts(agent.client, customer, to, 'Can you come out to me?');
    const id = text.conversationId as string;
    expect((await agent.client.post(`/api/v1/conversations/${id}/claim`, {})).status).toBe(200);
    const put = await agent.client.put(`/api/v1/conversations/${id}/consumer`, {
      name: 'Edge Case',
      address,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const [row] = await dashboard(agent.client, 'open', `&q=${encodeURIComponent(customer)}`);
    // The list shows the same verdict as the details.
    expect(row.serviceArea).toEqual(put.body.serviceArea);
    return put.body;
  }

  it.each([
    ['at the centre', '02110', 'ideal'],
    ['exactly at the ideal radius', '01880', 'ideal'],
    ['just beyond the ideal radius', '02466', 'max'],
    ['exactly at the maximum radius', '01772', 'max'],
    ['just beyond the maximum radius', '02050', 'outside'],
  ])('a customer %s (%s) is %s', async (_where, zip, zone) => {
    const body = await verdictFor(`10 Main St, Somewhere, MA ${zip}`);
    const expected = haversineMiles(places.get('02110') as Place, places.get(zip) as Place);
    expect(body.serviceArea).toMatchObject({ zone, miles: Math.round(expected * 10) / 10 });
    expect(body.consumer.place).toMatchObject({ postalCode: zip });
  });

  it('gives no verdict for an address without a known ZIP code, and says it did not resolve', async () => {
    for (const address of ['10 Main St, Boston', '10 Main St, Nowhere 00000']) {
      const body = await verdictFor(address);
      expect(body.serviceArea).toBeNull();
      expect(body.consumer).toMatchObject({ address, place: null });
    }
  });

  it('gives no verdict when the location has no service area', async () => {
    const body = await verdictFor('1 Federal St, Boston, MA 02110', plainCampaignPhone);
    expect(body.serviceArea).toBeNull();
    expect(body.consumer.place).toMatchObject({ postalCode: '02110' });
  });

  it('follows a change of the location’s service area', async () => {
    const group = await firm.admin.client.post('/api/v1/groups', { name: `Group ${unique()}` });
    const centre = places.get('02110') as Place;
    const location = await firm.admin.client.post('/api/v1/locations', {
      groupId: group.body.id,
      name: 'Moving',
      serviceArea: { lat: centre.lat, lng: centre.lng, idealMiles: 5, maxMiles: 8 },
    });
    const phone = await campaignOn(
      location.body.id,
      (await firm.admin.client.get('/api/v1/teams')).body.items[0].id,
    );
    const body = await verdictFor('Wakefield, MA 01880', phone);
    expect(body.serviceArea.zone).toBe('outside');
    await firm.admin.client.patch(`/api/v1/locations/${location.body.id}`, {
      serviceArea: { lat: centre.lat, lng: centre.lng, idealMiles: 20, maxMiles: 30 },
    });
    const again = await agent.client.get(`/api/v1/conversations/${body.id}`);
    expect(again.body.serviceArea).toMatchObject({ zone: 'ideal', idealMiles: 20, maxMiles: 30 });
  });

  describe('address type-ahead', () => {
    it('suggests places for the start of a ZIP code, a city, or "city, ST" after a street', async () => {
      const byPrefix = await agent.client.get('/api/v1/geocoder/suggest?q=0211&limit=3');
      expect(byPrefix.body.items.map((p: Place) => p.postalCode)).toEqual(['02110', '02111', '02112']);
      const byCity = await agent.client.get(
        `/api/v1/geocoder/suggest?q=${encodeURIComponent('12 Elm St, Wakefield, MA')}`,
      );
      expect(byCity.body.items.length).toBeGreaterThan(0);
      expect(byCity.body.items[0]).toMatchObject({
        city: 'Wakefield',
        state: 'MA',
        label: 'Wakefield, MA 01880',
      });
      const nothing = await agent.client.get('/api/v1/geocoder/suggest?q=zzzzqx');
      expect(nothing.body.items).toEqual([]);
    });

    it('refuses an empty or over-long query and a limit out of range with 400', async () => {
      expectProblem(await agent.client.get('/api/v1/geocoder/suggest?q='), 400);
      expectProblem(await agent.client.get(`/api/v1/geocoder/suggest?q=${'a'.repeat(201)}`), 400);
      expectProblem(await agent.client.get('/api/v1/geocoder/suggest?q=boston&limit=50'), 400);
    });

    it('is for Message Center staff only', async () => {
      const attorney = await makeUser(t, firm, { role: 'attorney' });
      expectProblem(await attorney.client.get('/api/v1/geocoder/suggest?q=02110'), 403);
      expectProblem(await t.client().get('/api/v1/geocoder/suggest?q=02110'), 401);
    });
  });
});
