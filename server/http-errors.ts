/** The few HTTP errors the routes throw; one middleware (server/error-middleware.ts) turns them into pages. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (what: string): HttpError => new HttpError(404, `${what} not found`);
export const badRequest = (why: string): HttpError => new HttpError(400, why);
