import {
  ActionIcon,
  Alert,
  Button,
  Fieldset,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import type { Contact } from '../../../contracts/contacts';
import { useApi } from '../../ui/Providers';
import { ApiError, describeError } from '../../ui/problem';
import { useUsers } from '../secure-chat/queries';
import {
  type ContactFormValues,
  contactToForm,
  emptyContactForm,
  formToInput,
  placeFieldErrors,
} from './model';

const SCALAR_FIELDS = new Set(['name', 'address', 'coordinatorId']);
const ROW_FIELD = /^(phones|emails)\.(\d+)\.(number|address|label)$/;

/**
 * Creates a contact, or edits one when `contact` is given (PATCH; the phone and e-mail lists replace the
 * stored ones). Phones are typed in any format and the server normalises them; its 400 field errors are
 * shown under the input that caused them and the first one gets the focus.
 */
export function ContactFormDialog({
  opened,
  onClose,
  contact,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  contact?: Contact;
  onSaved: (contact: Contact) => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={contact ? 'Edit contact' : 'New contact'}
      size="lg"
      centered
    >
      {/* The modal mounts its content on opening: each opening starts from the stored contact, and a
          refetch while the user types does not overwrite the form. */}
      <ContactForm contact={contact} onCancel={onClose} onSaved={onSaved} />
    </Modal>
  );
}

function ContactForm({
  contact,
  onCancel,
  onSaved,
}: {
  contact?: Contact;
  onCancel: () => void;
  onSaved: (contact: Contact) => void;
}) {
  const api = useApi();
  const users = useUsers();
  const idPrefix = useId();
  const inputId = (path: string) => `${idPrefix}-${path.replaceAll('.', '-')}`;
  // What the dialog says above its buttons: field errors without an input, or a failure of another kind.
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm<ContactFormValues>({
    mode: 'controlled',
    initialValues: contact ? contactToForm(contact) : emptyContactForm(),
    validate: { name: (v) => (v.trim() ? null : 'Enter the contact’s name') },
  });

  const save = useMutation({
    mutationFn: (values: ContactFormValues) => {
      const { body } = formToInput(values);
      return contact
        ? api.patch<Contact>(`/api/v1/contacts/${encodeURIComponent(contact.id)}`, body)
        : api.post<Contact>('/api/v1/contacts', body);
    },
    onSuccess: (saved) => onSaved(saved),
    onError: (error, values) => {
      const fields = error instanceof ApiError && error.status === 400 ? (error.problem.errors ?? []) : [];
      if (fields.length === 0) {
        setFormErrors([describeError(error)]);
        return;
      }
      const { rowOf } = formToInput(values);
      const { inline, other } = placeFieldErrors(fields, rowOf, (path) => hasInput(values, path));
      form.setErrors(inline);
      setFormErrors(other);
      const first = Object.keys(inline)[0];
      if (first) document.getElementById(inputId(first))?.focus();
    },
  });

  const submit = form.onSubmit((values) => {
    setFormErrors([]);
    save.mutate(values);
  });
  const verb = contact ? 'saved' : 'created';

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          id={inputId('name')}
          label="Name"
          required
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Fieldset legend="Phone numbers" variant="filled" radius="md">
          <Stack gap="xs">
            <Text size="xs" c="dimmed">
              Any common format, e.g. (202) 555-0143 or +44 20 7946 0958. Numbers without a country code are
              taken as US numbers.
            </Text>
            {form.values.phones.map((_, i) => (
              <ListRow
                // Rows have no identity of their own; the position is what the server's errors name too.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                key={i}
                what={`phone ${i + 1}`}
                onRemove={() => form.removeListItem('phones', i)}
              >
                <TextInput
                  id={inputId(`phones.${i}.number`)}
                  label="Phone number"
                  aria-label={`Phone number ${i + 1}`}
                  type="tel"
                  autoComplete="off"
                  style={{ flex: 1 }}
                  {...form.getInputProps(`phones.${i}.number`)}
                />
                <TextInput
                  id={inputId(`phones.${i}.label`)}
                  label="Label"
                  aria-label={`Label of phone ${i + 1}`}
                  placeholder="mobile"
                  w={{ base: 110, sm: 140 }}
                  {...form.getInputProps(`phones.${i}.label`)}
                />
              </ListRow>
            ))}
            <AddRowButton onClick={() => form.insertListItem('phones', { number: '', label: '' })}>
              Add phone
            </AddRowButton>
          </Stack>
        </Fieldset>
        <Fieldset legend="E-mail addresses" variant="filled" radius="md">
          <Stack gap="xs">
            {form.values.emails.map((_, i) => (
              <ListRow
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions, as for phones
                key={i}
                what={`e-mail ${i + 1}`}
                onRemove={() => form.removeListItem('emails', i)}
              >
                <TextInput
                  id={inputId(`emails.${i}.address`)}
                  label="E-mail address"
                  aria-label={`E-mail address ${i + 1}`}
                  type="email"
                  autoComplete="off"
                  style={{ flex: 1 }}
                  {...form.getInputProps(`emails.${i}.address`)}
                />
                <TextInput
                  id={inputId(`emails.${i}.label`)}
                  label="Label"
                  aria-label={`Label of e-mail ${i + 1}`}
                  placeholder="personal"
                  w={{ base: 110, sm: 140 }}
                  {...form.getInputProps(`emails.${i}.label`)}
                />
              </ListRow>
            ))}
            <AddRowButton onClick={() => form.insertListItem('emails', { address: '', label: '' })}>
              Add e-mail
            </AddRowButton>
          </Stack>
        </Fieldset>
        <Textarea
          id={inputId('address')}
          label="Postal address"
          autosize
          minRows={2}
          maxRows={5}
          {...form.getInputProps('address')}
        />
        <NativeSelect
          id={inputId('coordinatorId')}
          label="Coordinator"
          description="The staff member who looks after this client"
          data={[
            { value: '', label: 'No coordinator' },
            ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name })),
          ]}
          {...form.getInputProps('coordinatorId')}
        />
        {formErrors.length > 0 && (
          <Alert
            color="red"
            icon={<IconAlertCircle aria-hidden />}
            role="alert"
            title={`The contact was not ${verb}`}
          >
            {formErrors.map((message) => (
              <Text size="sm" key={message}>
                {message}
              </Text>
            ))}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {contact ? 'Save changes' : 'Create contact'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** True when the form shows an input for this path (so an error can sit under it). */
function hasInput(values: ContactFormValues, path: string): boolean {
  if (SCALAR_FIELDS.has(path)) return true;
  const m = ROW_FIELD.exec(path);
  if (!m) return false;
  const rows = m[1] === 'phones' ? values.phones : values.emails;
  return Number(m[2]) < rows.length;
}

function ListRow({ what, onRemove, children }: { what: string; onRemove: () => void; children: ReactNode }) {
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      {children}
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        mt={25}
        aria-label={`Remove ${what}`}
        onClick={onRemove}
      >
        <IconTrash size={16} aria-hidden />
      </ActionIcon>
    </Group>
  );
}

function AddRowButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Group>
      <Button
        variant="subtle"
        size="compact-sm"
        leftSection={<IconPlus size={14} aria-hidden />}
        onClick={onClick}
      >
        {children}
      </Button>
    </Group>
  );
}
