/**
 * The supervisors' and admins' pages of accounts and use, in one lazy chunk: one entry in the start
 * bundle's preload map instead of one per page and their shared parts (the field agent's budget, GUIDE §4).
 */
export { Usage } from './Usage';
export { Users } from './Users';
