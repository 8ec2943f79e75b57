import { css } from 'lit';

export const replyPreviewStyles = css`
  .reply {
    font-size: 0.9em;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  p:empty {
    margin: 0;
  }
`;
