import {
  type CSSVariablesResolver,
  createTheme,
  type MantineColorsTuple,
  Modal,
  Notification,
} from '@mantine/core';

// A calm blue-teal; shade 7 (the filled shade) keeps white text above 5:1 contrast.
const parley: MantineColorsTuple = [
  '#eaf4f8',
  '#d5e8f0',
  '#a9d0e1',
  '#7ab6d1',
  '#549fc3',
  '#3b90ba',
  '#2a7a9b',
  '#1f6f8b',
  '#1b6585',
  '#0f4f6a',
];

/** The one theme of every Parley web app: calm and readable, light or dark as the system (or the user) prefers. */
export const theme = createTheme({
  primaryColor: 'parley',
  primaryShade: 7,
  colors: { parley },
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '600' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'auto',
  respectReducedMotion: true,
  components: {
    // Mantine's close buttons are icons only; give each a name screen readers can say.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    // Toasts: a named close button and body text dark enough to read (Mantine's default gray is 3.3:1).
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } },
      styles: { description: { color: 'var(--mantine-color-gray-7)' } },
    }),
  },
});

/**
 * Mantine's dimmed gray and its error red (field errors, invalid input text) are below 4.5:1 on white
 * (and on the dark scheme's cards); other shades keep secondary text and error messages readable.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  // Mantine's dark dimmed gray is 4.0:1 on dark cards; the next lighter shades keep secondary text readable.
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-placeholder': 'var(--mantine-color-dark-2)',
    '--mantine-color-error': 'var(--mantine-color-red-4)',
  },
});
