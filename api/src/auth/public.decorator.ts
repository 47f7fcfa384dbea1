import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';

/** Opts a route out of the global bearer-token guard: every other route needs a session. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
