//! API tests: the real server on a free port against a fresh database.
//! `TEST_DATABASE_URL` picks the engine: unset (or `sqlite`) gives each test
//! a new SQLite file; `postgres://…` gives each test a new database in
//! that cluster.

mod admin;
mod binding;
mod cleanup;
mod console;
mod garbage;
mod hardening;
mod health;
mod helpers;
mod lifecycle;
mod limits;
mod lockout;
mod logon;
mod mail_server;
mod metrics;
mod pages;
mod policy;
mod policy_cli;
mod recovery;
mod redirects;
mod secrets;
mod sessions;
