import { describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { docText, refusedText } from './doc-text.ts';

describe('refusedText', () => {
  it('should give the words the screen showed that the kept text lacks', () => {
    expect(refusedText('Noted the report. The committee agreed', 'Noted the report.')).toBe('The committee agreed');
    expect(refusedText('Noted the late report.', 'Noted the report.')).toBe('late');
    expect(refusedText('Same', 'Same')).toBe('');
  });
});

describe('docText', () => {
  it('should read one line per paragraph, as the server does', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('default');
    fragment.insert(
      0,
      ['First', 'Second'].map((line) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(line)]);
        return paragraph;
      }),
    );
    expect(docText(doc)).toBe('First\nSecond');
  });
});
