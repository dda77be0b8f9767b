import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { Locale, LoginRequest, LoginResponse, User } from '@sidang/shared';
import * as argon2 from 'argon2';
import type { Repository } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { UserEntity } from '../access/user.entity.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/** Verifying against this keeps a wrong e-mail as slow as a wrong password. */
const DUMMY_HASH = '$argon2id$v=19$m=65536,p=4,t=3$tHM1GDXYxoJ9qKIR0HcNLw$xVQu0UGhGko+T/PqFPq6nFwcqaTMGJiJNJ2CBFGhwu4';

export function toUser(entity: UserEntity): User {
  return {
    id: entity.id,
    email: entity.email,
    name: entity.name,
    agency: entity.agency,
    clearance: entity.clearance,
    locale: entity.locale,
    isAdmin: entity.isAdmin,
  };
}

export function toActor(entity: UserEntity): Actor {
  return {
    id: entity.id,
    name: entity.name,
    email: entity.email,
    agency: entity.agency,
    clearance: entity.clearance,
    isAdmin: entity.isAdmin,
  };
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login({ email, password }: LoginRequest): Promise<LoginResponse> {
    const user = await this.users.findOne({ where: { email } });
    const valid = await argon2.verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
    if (!user || !valid || !user.active) throw new UnauthorizedException('Wrong e-mail or password');
    const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = await this.jwt.signAsync({ sub: user.id }, { expiresIn: ttl });
    return { accessToken, expiresAt: new Date(Date.now() + ttl * 1000).toISOString(), user: toUser(user) };
  }

  /** The actor a token stands for, with its expiry; null for a bad, expired or orphaned token. */
  async authenticate(token: unknown): Promise<{ actor: Actor; expiresAt: number } | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return null;
    let payload: { sub?: unknown; exp?: unknown };
    try {
      payload = await this.jwt.verifyAsync(token);
    } catch {
      return null;
    }
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return null;
    const user = await this.users.findOne({ where: { id: payload.sub } });
    return user?.active ? { actor: toActor(user), expiresAt: payload.exp * 1000 } : null;
  }

  async me(actor: Actor): Promise<User> {
    return toUser(await this.users.findOneOrFail({ where: { id: actor.id } }));
  }

  async setLocale(actor: Actor, locale: Locale): Promise<User> {
    await this.users.update({ id: actor.id }, { locale });
    return this.me(actor);
  }
}
