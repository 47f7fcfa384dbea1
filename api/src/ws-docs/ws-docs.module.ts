import { Module } from '@nestjs/common';
import { WsDocsController } from './ws-docs.controller';

/** GET /api/ws-docs: the AsyncAPI document of the WebSocket protocol and a page rendering it. */
@Module({ controllers: [WsDocsController] })
export class WsDocsModule {}
