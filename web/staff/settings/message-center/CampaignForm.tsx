import { Select, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Campaign, Group, Location } from '../../../../contracts/message-center';
import { fieldError, type Team } from '../../admin/queries';
import { FormModal } from './FormModal';
import { setupKeys, useSetupWrite } from './queries';

/**
 * Adds a campaign (a firm number customers text, at a location, answered by a team) or edits one. The
 * number cannot change once customers text it; a new number is a new campaign.
 */
export function CampaignForm({
  campaign,
  groups,
  locations,
  teams,
  onClose,
}: {
  campaign?: Campaign;
  groups: Group[];
  locations: Location[];
  teams: Team[];
  onClose: () => void;
}) {
  const write = useSetupWrite('/api/v1/campaigns', [setupKeys.campaigns]);
  const [locationId, setLocationId] = useState<string | null>(campaign?.locationId ?? null);
  const [name, setName] = useState(campaign?.name ?? '');
  const [phone, setPhone] = useState(campaign?.phone ?? '');
  const [teamId, setTeamId] = useState<string | null>(campaign?.teamId ?? null);
  const [helpText, setHelpText] = useState(campaign?.helpText ?? '');
  const err = (field: string) => fieldError(write.error, `body.${field}`);

  const locationOptions = groups.map((g) => ({
    group: g.name,
    items: locations.filter((l) => l.groupId === g.id).map((l) => ({ value: l.id, label: l.name })),
  }));
  const save = () => {
    const body = campaign
      ? { name: name.trim(), teamId, helpText: helpText.trim() }
      : {
          locationId,
          name: name.trim(),
          phone: phone.trim(),
          teamId,
          ...(helpText.trim() ? { helpText: helpText.trim() } : {}),
        };
    write.mutate({ id: campaign?.id, body }, { onSuccess: onClose });
  };

  return (
    <FormModal
      title={campaign ? `Edit ${campaign.name}` : 'New campaign'}
      saveLabel={campaign ? 'Save campaign' : 'Add campaign'}
      pending={write.isPending}
      error={write.error}
      onClose={onClose}
      onSubmit={save}
    >
      <Select
        label="Location"
        required
        data={locationOptions}
        value={locationId}
        onChange={setLocationId}
        disabled={Boolean(campaign)}
        error={err('locationId')}
        searchable
        nothingFoundMessage="No location: add one under groups and locations first"
      />
      <TextInput
        label="Name"
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={err('name')}
      />
      <TextInput
        label="Phone number"
        description="The number customers text, e.g. +1 202 555 0100"
        required
        type="tel"
        value={phone}
        onChange={(e) => setPhone(e.currentTarget.value)}
        disabled={Boolean(campaign)}
        error={err('phone')}
      />
      <Select
        label="Team"
        description="Its agents see and answer the conversations"
        required
        data={teams.map((t) => ({ value: t.id, label: t.name }))}
        value={teamId}
        onChange={setTeamId}
        error={err('teamId')}
      />
      <Textarea
        label="Help text"
        description="The answer to HELP or INFO: the firm's name and how to reach it"
        autosize
        minRows={2}
        value={helpText}
        onChange={(e) => setHelpText(e.currentTarget.value)}
        error={err('helpText')}
      />
    </FormModal>
  );
}
