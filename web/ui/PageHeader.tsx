import { Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';

/** The h1 of a page plus one line saying what the page is for; also sets the document title. */
export function PageHeader({ title, description }: { title: string; description: string }) {
  useDocumentTitle(`${title} · Parley`);
  return (
    <Stack gap={4} mb="lg">
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text c="dimmed">{description}</Text>
    </Stack>
  );
}
