import type { LoginRequest } from '@chat/protocol';
import { EmailPasswordDto } from '../../users/dto/register.dto';

export class LoginDto extends EmailPasswordDto implements LoginRequest {}
