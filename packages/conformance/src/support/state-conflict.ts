/**
 * @module How a valid request refused for the server's state (not its input) is skipped: the
 * acceptance check writes the reason with this prefix, and the engine gives such an operation
 * a fair chance (more valid requests) before concluding it accepts nothing.
 */
export const STATE_CONFLICT = 'state conflict';
