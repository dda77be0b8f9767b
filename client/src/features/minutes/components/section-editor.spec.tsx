import { describe, expect, it } from '@jest/globals';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as Y from 'yjs';
import { renderWithApp } from '../../../test/render.tsx';
import { SectionEditor } from './section-editor.tsx';

const user = { name: 'Urus Setia', color: '#124a86' };

describe(SectionEditor.name, () => {
  it('should offer an editor bold, a heading and both lists, pressed while they apply, writing them into the section', async () => {
    const doc = new Y.Doc();
    const { container } = renderWithApp(<SectionEditor doc={doc} provider={null} editable user={user} label="Section 1" />);
    const toolbar = await screen.findByRole('toolbar', { name: 'Formatting' });
    expect(toolbar).toBeInTheDocument();
    const bullets = screen.getByRole('button', { name: 'Bulleted list' });
    expect(bullets).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(bullets);
    await waitFor(() => expect(container.querySelector('.minutes-editor ul')).not.toBeNull());
    expect(bullets).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Bulleted list' }));
    await userEvent.click(screen.getByRole('button', { name: 'Numbered list' }));
    await waitFor(() => expect(container.querySelector('.minutes-editor ol')).not.toBeNull());
    await userEvent.click(screen.getByRole('button', { name: 'Numbered list' }));
    await userEvent.click(screen.getByRole('button', { name: 'Heading' }));
    await waitFor(() => expect(container.querySelector('.minutes-editor h3')).not.toBeNull());
    expect(screen.getByRole('button', { name: 'Heading' })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Bold' }));
    expect(screen.getByRole('button', { name: 'Bold' })).toHaveAttribute('aria-pressed', 'true');
    // What the toolbar did is in the shared document, for everyone.
    expect(doc.getXmlFragment('default').toString()).toContain('<heading');
    act(() => doc.destroy());
  });

  it('should show a reader no toolbar', async () => {
    renderWithApp(<SectionEditor doc={new Y.Doc()} provider={null} editable={false} user={user} label="Section 1" />);
    await screen.findByRole('textbox', { name: 'Section 1' });
    expect(screen.queryByRole('toolbar')).toBeNull();
  });
});
