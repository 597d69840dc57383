import { NumberInput, SimpleGrid, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Location } from '../../../../contracts/message-center';
import { fieldError } from '../../admin/queries';
import { FormModal } from './FormModal';
import { setupKeys, useSetupWrite } from './queries';

type Num = number | string;

/**
 * Adds a location to a group or edits one: its name and, optionally, its service area (a centre given by
 * latitude and longitude or by US ZIP code, the ideal radius and the maximum radius in miles).
 */
export function LocationForm({
  groupId,
  location,
  onClose,
}: {
  groupId: string;
  /** Editing this one; undefined: a new location. */
  location?: Location;
  onClose: () => void;
}) {
  const write = useSetupWrite('/api/v1/locations', [setupKeys.locations, setupKeys.campaigns]);
  const area = location?.serviceArea;
  const [name, setName] = useState(location?.name ?? '');
  const [withArea, setWithArea] = useState(Boolean(area));
  const [zip, setZip] = useState(area?.postalCode ?? '');
  const [lat, setLat] = useState<Num>(area?.centre.lat ?? '');
  const [lng, setLng] = useState<Num>(area?.centre.lng ?? '');
  const [ideal, setIdeal] = useState<Num>(area?.idealMiles ?? 10);
  const [max, setMax] = useState<Num>(area?.maxMiles ?? 25);
  const err = (field: string) => fieldError(write.error, `body.${field}`);
  const num = (v: Num) => (v === '' ? undefined : Number(v));

  const save = () => {
    const serviceArea = withArea
      ? {
          ...(zip.trim() ? { postalCode: zip.trim() } : {}),
          lat: num(lat),
          lng: num(lng),
          idealMiles: num(ideal),
          maxMiles: num(max),
        }
      : null;
    const body = location
      ? { name: name.trim(), serviceArea }
      : { groupId, name: name.trim(), ...(serviceArea ? { serviceArea } : {}) };
    write.mutate({ id: location?.id, body }, { onSuccess: onClose });
  };

  return (
    <FormModal
      title={location ? `Edit ${location.name}` : 'New location'}
      saveLabel={location ? 'Save location' : 'Add location'}
      pending={write.isPending}
      error={write.error}
      onClose={onClose}
      onSubmit={save}
    >
      <TextInput
        label="Name"
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={err('name')}
        data-autofocus
      />
      <Switch
        label="Service area"
        description="Lets agents see whether a customer's address is inside the ideal or the maximum area."
        checked={withArea}
        onChange={(e) => setWithArea(e.currentTarget.checked)}
      />
      {withArea && (
        <>
          <Text size="xs" c="dimmed">
            Give the centre as a US ZIP code or as latitude and longitude.
          </Text>
          <TextInput
            label="ZIP code of the centre"
            value={zip}
            onChange={(e) => setZip(e.currentTarget.value)}
            error={err('serviceArea.postalCode')}
            inputMode="numeric"
            maxLength={10}
          />
          <SimpleGrid cols={2}>
            <NumberInput
              label="Latitude"
              value={lat}
              onChange={setLat}
              min={-90}
              max={90}
              decimalScale={6}
              error={err('serviceArea.lat')}
            />
            <NumberInput
              label="Longitude"
              value={lng}
              onChange={setLng}
              min={-180}
              max={180}
              decimalScale={6}
              error={err('serviceArea.lng')}
            />
            <NumberInput
              label="Ideal radius (miles)"
              value={ideal}
              onChange={setIdeal}
              min={0}
              error={err('serviceArea.idealMiles')}
            />
            <NumberInput
              label="Maximum radius (miles)"
              value={max}
              onChange={setMax}
              min={0}
              error={err('serviceArea.maxMiles')}
            />
          </SimpleGrid>
          {err('serviceArea') && (
            <Text size="xs" c="red.8" role="alert">
              {err('serviceArea')}
            </Text>
          )}
        </>
      )}
    </FormModal>
  );
}
