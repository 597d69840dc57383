import { Alert } from '@mantine/core';
import { goneText } from './model';

/** A link that can not be used, and why. */
export function GoneState({ slug }: { slug: string | undefined }) {
  const text = goneText(slug);
  return (
    <Alert color="gray" title={text.title} role="alert" mt="xl">
      {text.body}
    </Alert>
  );
}
