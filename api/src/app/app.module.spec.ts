import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import * as appConfig from '../config/app-config';
import { AppConfig } from '../config/app-config';
import { SessionTokens } from '../auth/session-tokens';
import { AppModule } from './app.module';

// @nestjs/terminus ships ES modules, which this Jest setup does not load; health is not what this checks.
jest.mock('../health/health.module', () => {
  const { Module } = jest.requireActual<typeof import('@nestjs/common')>('@nestjs/common');
  @Module({})
  class HealthModule {}
  return { HealthModule };
});

describe(AppModule.name, () => {
  afterEach(() => jest.restoreAllMocks());

  it('hands every module the config it was given, without loading it again', async () => {
    const config = appConfig.loadConfig({ PASSWORD_HASH_COST: '10' });
    const load = jest.spyOn(appConfig, 'loadConfig');
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config)] }).compile();
    try {
      expect(moduleRef.get(AppConfig)).toBe(config);
      // The secret drawn with that config (AUTH_SECRET unset) is the one tokens are signed with.
      const token = moduleRef.get(SessionTokens).issue('user-1');
      expect(new JwtService({ secret: config.authSecret }).verify(token)).toMatchObject({ sub: 'user-1' });
      expect(load).not.toHaveBeenCalled();
    } finally {
      await moduleRef.close();
    }
  });
});
