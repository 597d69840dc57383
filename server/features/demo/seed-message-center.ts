import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../../platform/db/client';
import { firmNumbers, mcCampaigns, mcGroups, mcLocations, mcQuickReplies } from '../../platform/db/schema';

/**
 * The demo firm's Message Center numbers: intake campaigns customers text (the simulator accepts
 * any number; apart from the secure-chat pool and from the 555 numbers tests make up).
 */
export const demoCampaignNumbers = ['+12025550910', '+12025550911', '+12025550912', '+12025550913'] as const;

/**
 * The demo firm's Message Center setup: two groups (practice areas), three offices with service
 * areas around Washington DC, four campaigns (Sales answers the injury lines, Service the family
 * ones) and quick replies per group.
 */
export async function seedMessageCenterSetup(
  tx: Tx,
  input: { firmId: string; salesTeamId: string; serviceTeamId: string },
): Promise<void> {
  const { firmId } = input;
  const injury = uuidv7();
  const family = uuidv7();
  await tx.insert(mcGroups).values([
    { firmId, id: injury, name: 'Personal Injury' },
    { firmId, id: family, name: 'Family Law' },
  ]);
  const downtown = uuidv7();
  const arlington = uuidv7();
  const bethesda = uuidv7();
  await tx.insert(mcLocations).values([
    {
      firmId,
      id: downtown,
      groupId: injury,
      name: 'Downtown DC office',
      postalCode: '20005',
      lat: 38.9007,
      lng: -77.0326,
      idealMiles: 10,
      maxMiles: 30,
    },
    {
      firmId,
      id: arlington,
      groupId: injury,
      name: 'Arlington office',
      postalCode: '22201',
      lat: 38.8816,
      lng: -77.091,
      idealMiles: 8,
      maxMiles: 25,
    },
    {
      firmId,
      id: bethesda,
      groupId: family,
      name: 'Bethesda office',
      postalCode: '20814',
      lat: 38.9847,
      lng: -77.0947,
      idealMiles: 15,
      maxMiles: 40,
    },
  ]);
  const help = 'Demo Law LLP: call (202) 555-0100, Mon–Fri 8am–6pm. Reply STOP to opt out.';
  const campaigns = [
    { name: 'Car Accident Hotline', locationId: downtown, groupId: injury, teamId: input.salesTeamId },
    { name: 'Workplace Injury Line', locationId: arlington, groupId: injury, teamId: input.salesTeamId },
    { name: 'Divorce Consultations', locationId: bethesda, groupId: family, teamId: input.serviceTeamId },
    { name: 'Custody Questions', locationId: bethesda, groupId: family, teamId: input.serviceTeamId },
  ];
  await tx.insert(mcCampaigns).values(
    campaigns.map((c, i) => ({
      firmId,
      id: uuidv7(),
      ...c,
      phone: demoCampaignNumbers[i] as string,
      helpText: help,
    })),
  );
  await tx.insert(firmNumbers).values(
    campaigns.map((c, i) => ({
      e164: demoCampaignNumbers[i] as string,
      firmId,
      purpose: 'campaign',
      label: c.name,
    })),
  );
  const replies = [
    {
      groupId: injury,
      title: 'Free consultation',
      body: 'Thanks for reaching out. Consultations are free and there is no fee unless we win. When is a good time for a 15-minute call?',
    },
    {
      groupId: injury,
      title: 'Accident details',
      body: 'Sorry to hear about the accident. Could you tell me the date, where it happened, and whether anyone was hurt?',
    },
    {
      groupId: injury,
      title: 'Documents to bring',
      body: 'Please bring the police report number, photos of the scene and your insurance details to the consultation.',
    },
    {
      groupId: family,
      title: 'Confidential consultation',
      body: 'Everything you share with us is confidential. Would a morning, afternoon or evening call suit you best?',
    },
    {
      groupId: family,
      title: 'Office hours',
      body: 'Our Bethesda office is open Monday to Friday, 8am to 6pm, and Saturday mornings by appointment.',
    },
    {
      groupId: family,
      title: 'Fees',
      body: 'An initial 30-minute consultation is $150. We will explain retainer options during the call.',
    },
  ];
  await tx.insert(mcQuickReplies).values(replies.map((r) => ({ firmId, id: uuidv7(), ...r })));
}
