// ApiError carries a catalogue failure up to the HTTP error handler.
import { type ApiFailure, type ErrorName, type FieldError, formatMessage } from '@presence/core';

export class ApiError extends Error {
  readonly failure: ApiFailure;
  constructor(name: ErrorName, params?: ApiFailure['params'], opts: { errors?: FieldError[]; headers?: Record<string, string> } = {}) {
    super(formatMessage(name, params));
    this.failure = { name, params, errors: opts.errors, headers: opts.headers };
  }
}

export const validation = (field: string, message: string) => new ApiError('validation_failed', {}, { errors: [{ field, message }] });
