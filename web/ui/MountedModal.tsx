import { Modal, type ModalProps } from '@mantine/core';
import { useEffect, useState } from 'react';

/**
 * A Mantine Modal for a dialog that is mounted only while it is open. Mantine gives the focus back to
 * the control that opened a modal when `opened` turns false; a modal that is unmounted instead never
 * sees that, and the keyboard user is left at the top of the page. This one remembers what had the
 * focus when it mounted and gives it back when it goes.
 */
export function MountedModal(props: Omit<ModalProps, 'opened'>) {
  // Read while rendering, before the modal's focus trap moves the focus inside.
  const [opener] = useState(() => document.activeElement);
  useEffect(
    () => () => {
      // After the modal's own clean-up, and only if nothing else took the focus meanwhile.
      window.setTimeout(() => {
        const now = document.activeElement;
        if (opener instanceof HTMLElement && opener.isConnected && (now === null || now === document.body))
          opener.focus({ preventScroll: true });
      }, 0);
    },
    [opener],
  );
  return <Modal {...props} opened />;
}
