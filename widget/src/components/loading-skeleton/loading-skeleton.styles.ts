import { css } from 'lit';

export const loadingSkeletonStyles = css`
  .skeleton .list div {
    height: 0.9em;
    border-radius: var(--_radius);
    background: linear-gradient(90deg, var(--_surface) 25%, var(--_border) 50%, var(--_surface) 75%) 0 0 /
      200% 100%;
    animation: shimmer 1.4s linear infinite;
  }
  .skeleton .list div:nth-child(even) {
    width: 70%;
  }
  @keyframes shimmer {
    to {
      background-position: -200% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton .list div {
      animation: none;
    }
  }
`;
