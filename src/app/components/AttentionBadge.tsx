import { useAttentionCount } from '../hooks/useAttentionCount';

/**
 * The count beside the header's "À corriger" link: submissions a reviewer sent back and changes the server
 * refused. Read as part of the link's name ("À corriger 2"); nothing when there is none. On the start path:
 * keep it tiny.
 */
export function AttentionBadge() {
  const count = useAttentionCount();
  return count > 0 ? <span className="nav-count">{count}</span> : null;
}
