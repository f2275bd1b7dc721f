/**
 * A request authoring refuses: a value outside the profile's vocabulary, a number already taken, a backwards
 * promotion, a write that would add findings. Nothing was written; the message names the file, field or value.
 */
export class AuthorError extends Error {}
