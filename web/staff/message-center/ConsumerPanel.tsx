import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Collapse,
  Group,
  Radio,
  ScrollArea,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight, IconUser } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useMemo, useState } from 'react';
import type { ConversationDetailOut } from '../../../contracts/conversations';
import type { PlaceOut } from '../../../contracts/message-center';
import { useApi } from '../../ui/Providers';
import { describeError } from '../../ui/problem';
import { chatKeys } from '../secure-chat/queries';
import {
  bodyOf,
  type ConsumerForm,
  completeAddress,
  fieldErrors,
  formOf,
  noVerdictReason,
} from './consumer-form';
import { mcKeys } from './queries';
import { ServiceAreaBadge } from './ServiceAreaBadge';

/** Places for the address typed so far (the type-ahead), once two characters are there. */
function useAddressSuggestions(typed: string) {
  const api = useApi();
  const [q] = useDebouncedValue(typed.trim(), 200);
  return useQuery({
    queryKey: ['geocoder', 'suggest', q],
    queryFn: () =>
      api.get<{ items: PlaceOut[] }>(`/api/v1/geocoder/suggest?q=${encodeURIComponent(q)}&limit=8`),
    enabled: q.length >= 2,
    staleTime: 5 * 60_000,
    placeholderData: (previous) => previous,
  });
}

/**
 * The consumer details of a Message Center conversation, beside its messages: a summary line (name and
 * service-area indicator) that opens the form. The claiming agent and supervisors edit and save (on
 * the customer's number, so the customer's later conversations show them); others read. While nobody
 * edits, the form follows what others save (live updates refetch the conversation).
 */
export function ConsumerPanel({ conversation }: { conversation: ConversationDetailOut }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const id = conversation.id;
  const consumer = conversation.consumer ?? null;
  const editable = conversation.consumerEditable === true;
  const [opened, setOpened] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the saved details change exactly when updatedAt does
  const saved = useMemo(() => formOf(consumer), [consumer?.updatedAt]);
  const [draft, setDraft] = useState<ConsumerForm | null>(null);
  const form = draft ?? saved;
  const set = <K extends keyof ConsumerForm>(key: K, value: ConsumerForm[K]) =>
    setDraft({ ...form, [key]: value });
  const suggestions = useAddressSuggestions(form.address);
  const panelId = useId();

  const save = useMutation({
    mutationFn: () =>
      api.put<ConversationDetailOut>(
        `/api/v1/conversations/${encodeURIComponent(id)}/consumer`,
        bodyOf(form),
      ),
    onSuccess: (detail) => {
      queryClient.setQueryData(chatKeys.detail(id), detail);
      void queryClient.invalidateQueries({ queryKey: mcKeys.all });
      setDraft(null);
    },
  });
  const errors = fieldErrors(save.error);
  const general = save.isError && Object.keys(errors).length === 0 ? describeError(save.error) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const noVerdict = noVerdictReason(conversation);
  const addressOptions = (suggestions.data?.items ?? []).map((p) => completeAddress(form.address, p.label));

  return (
    <Box className="mc-consumer" px="sm" py={6}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <UnstyledButton
          className="mc-consumer-toggle"
          aria-expanded={opened}
          aria-controls={panelId}
          onClick={() => setOpened((o) => !o)}
        >
          <Group gap={6} wrap="nowrap">
            {opened ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
            <IconUser size={16} aria-hidden />
            <Text size="sm" fw={600} className="mc-nowrap">
              Consumer details
            </Text>
            <Text size="sm" c="dimmed" lineClamp={1} data-testid="consumer-summary">
              {consumer?.name ?? (consumer ? '' : 'none yet')}
            </Text>
          </Group>
        </UnstyledButton>
        <ServiceAreaBadge serviceArea={conversation.serviceArea} />
      </Group>
      <Collapse expanded={opened} id={panelId}>
        <ScrollArea.Autosize mah="min(280px, 30dvh)" type="auto" offsetScrollbars>
          <form onSubmit={submit} aria-label="Consumer details" noValidate>
            <Stack gap="xs" pt="xs" pb={4}>
              {!editable && (
                <Text size="xs" c="dimmed">
                  Only the agent who claimed this conversation, or a supervisor, can change these details.
                </Text>
              )}
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing="xs">
                <TextInput
                  label="Name"
                  size="xs"
                  value={form.name}
                  readOnly={!editable}
                  error={errors.name}
                  maxLength={200}
                  autoComplete="off"
                  onChange={(e) => set('name', e.currentTarget.value)}
                />
                <TextInput
                  label="E-mail"
                  type="email"
                  size="xs"
                  value={form.email}
                  readOnly={!editable}
                  error={errors.email}
                  autoComplete="off"
                  onChange={(e) => set('email', e.currentTarget.value)}
                />
              </SimpleGrid>
              <Autocomplete
                label="Address"
                description="Type the street, then the city or ZIP code, and pick the place"
                size="xs"
                value={form.address}
                readOnly={!editable}
                error={errors.address}
                maxLength={500}
                data={editable ? [...new Set(addressOptions)] : []}
                // The server already matched the places; the list is not filtered again here.
                filter={({ options }) => options}
                onChange={(value) => set('address', value)}
                autoComplete="off"
              />
              <Group gap="xs" wrap="wrap" data-testid="service-area-verdict">
                {conversation.serviceArea ? (
                  <>
                    <ServiceAreaBadge serviceArea={conversation.serviceArea} />
                    <Text size="xs" c="dimmed">
                      Ideal within {conversation.serviceArea.idealMiles} mi, served up to{' '}
                      {conversation.serviceArea.maxMiles} mi
                      {consumer?.place
                        ? ` · ${consumer.place.city}, ${consumer.place.state} ${consumer.place.postalCode}`
                        : ''}
                    </Text>
                  </>
                ) : (
                  <Text size="xs" c="dimmed">
                    {noVerdict}
                  </Text>
                )}
              </Group>
              <Radio.Group
                label="Potential lead"
                size="xs"
                classNames={{ root: 'mc-choice' }}
                value={form.potentialLead}
                onChange={(v) => set('potentialLead', v as ConsumerForm['potentialLead'])}
                error={errors.potentialLead}
              >
                <Group gap="md">
                  <Radio value="yes" label="Yes" disabled={!editable} />
                  <Radio value="no" label="No" disabled={!editable} />
                </Group>
              </Radio.Group>
              {form.potentialLead === 'yes' && (
                <Stack gap={6} pl="sm" className="mc-consumer-lead">
                  <Radio.Group
                    label="Existing customer"
                    size="xs"
                    classNames={{ root: 'mc-choice' }}
                    value={form.existingCustomer}
                    onChange={(v) => set('existingCustomer', v as ConsumerForm['existingCustomer'])}
                    error={errors.existingCustomer}
                  >
                    <Group gap="md">
                      <Radio value="yes" label="Yes" disabled={!editable} />
                      <Radio value="no" label="No" disabled={!editable} />
                    </Group>
                  </Radio.Group>
                  <Radio.Group
                    label="Interested in"
                    size="xs"
                    classNames={{ root: 'mc-choice' }}
                    value={form.interestedIn}
                    onChange={(v) => set('interestedIn', v as ConsumerForm['interestedIn'])}
                    error={errors.interestedIn}
                  >
                    <Group gap="md">
                      <Radio value="sales" label="Sales" disabled={!editable} />
                      <Radio value="service" label="Service" disabled={!editable} />
                    </Group>
                  </Radio.Group>
                  <Radio.Group
                    label="Preferred appointment time"
                    size="xs"
                    classNames={{ root: 'mc-choice' }}
                    value={form.preferredTime}
                    onChange={(v) => set('preferredTime', v as ConsumerForm['preferredTime'])}
                    error={errors.preferredTime}
                  >
                    <Group gap="md">
                      <Radio value="morning" label="Morning" disabled={!editable} />
                      <Radio value="afternoon" label="Afternoon" disabled={!editable} />
                      <Radio value="evening" label="Evening" disabled={!editable} />
                    </Group>
                  </Radio.Group>
                </Stack>
              )}
              {general && (
                <Alert color="red" p="xs" role="alert">
                  <Text size="xs">Not saved: {general}</Text>
                </Alert>
              )}
              {editable && (
                <Group gap="xs">
                  <Button type="submit" size="xs" loading={save.isPending} disabled={draft === null}>
                    Save details
                  </Button>
                  {draft !== null && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="gray"
                      onClick={() => {
                        setDraft(null);
                        save.reset();
                      }}
                    >
                      Discard changes
                    </Button>
                  )}
                  <Text size="xs" c="dimmed" role="status" data-testid="consumer-saved">
                    {save.isSuccess && draft === null ? 'Saved' : ''}
                  </Text>
                </Group>
              )}
            </Stack>
          </form>
        </ScrollArea.Autosize>
      </Collapse>
    </Box>
  );
}
