import baseConfig from "../eslint.config.mjs";

/**
 * Module boundaries inside the API (@nx/enforce-module-boundaries only sees
 * projects). A relative import that climbs out of its folder into a module
 * it must not know is an error. See docs/decisions/module-layout.md.
 */
const upInto = (modules) => `^(\\.\\./)+(${modules.join("|")})(/|$)`;

const FEATURES = ["realtime", "messages", "groups", "auth", "users", "app", "health", "metrics", "ws-docs"];
const TRANSPORT_PACKAGES = ["ws", "@nestjs/websockets", "@nestjs/platform-ws"];

const restrict = (files, patterns, paths = []) => ({
  files,
  rules: { "no-restricted-imports": ["error", { paths, patterns }] },
});

export default [
    ...baseConfig,
    // Infrastructure knows no feature: storage, the event bus, Redis, config and common helpers.
    restrict(["src/storage/**/*.ts", "src/events/**/*.ts", "src/redis/**/*.ts", "src/config/**/*.ts", "src/common/**/*.ts"], [
      { regex: upInto(FEATURES), message: "Infrastructure (storage, events, redis, config, common) must not import a feature module." },
    ]),
    // The domain publishes events and reads storage; it never reaches the transport or the app's wiring.
    restrict(
      ["src/users/**/*.ts", "src/auth/**/*.ts", "src/groups/**/*.ts", "src/messages/**/*.ts"],
      [{ regex: upInto(["realtime", "app"]), message: "Domain modules must not import realtime/ (transport, delivery) or app/." }],
      TRANSPORT_PACKAGES.map((name) => ({ name, message: "Domain modules must not use the WebSocket transport." })),
    ),
    // Delivery writes to connections; the rest of the transport (gateway, frames, drain) is not its business.
    restrict(["src/realtime/delivery/**/*.ts"], [
      {
        regex: "^\\.\\./transport/(?!connection$|frame-encoder$|fake-socket\\.spec-helpers$)",
        message: "delivery/ may use only the transport's Connection and frame encoder.",
      },
    ]),
];
