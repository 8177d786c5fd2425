//! Typed route parameters and query fields, for `#[derive(Params)]`
//! structs. A query is read field by field, leniently: a field that does
//! not parse reads as absent rather than failing the whole query, so one
//! odd value never hides the others.

use std::str::FromStr;

use leptos::prelude::*;
use leptos_router::hooks::{use_params, use_query};
use leptos_router::params::{IntoParam, Params, ParamsError};

/// A query field that counts by being there (`?created=1`), whatever its
/// value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flag(bool);

impl Flag {
    pub fn is_set(self) -> bool {
        self.0
    }
}

impl IntoParam for Flag {
    fn into_param(value: Option<&str>, _name: &str) -> Result<Self, ParamsError> {
        Ok(Flag(value.is_some()))
    }
}

/// A query field read as `T`; absent when it is missing or does not parse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parsed<T>(Option<T>);

impl<T> Default for Parsed<T> {
    fn default() -> Self {
        Parsed(None)
    }
}

impl<T: Clone> Parsed<T> {
    pub fn get(&self) -> Option<T> {
        self.0.clone()
    }
}

impl<T: FromStr> IntoParam for Parsed<T> {
    fn into_param(value: Option<&str>, _name: &str) -> Result<Self, ParamsError> {
        Ok(Parsed(value.and_then(|value| value.parse().ok())))
    }
}

/// A 1-based page number (`?page=2`): missing, unreadable or 0 is page 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageNumber(u32);

impl PageNumber {
    pub fn get(self) -> u32 {
        self.0
    }
}

impl Default for PageNumber {
    fn default() -> Self {
        PageNumber(1)
    }
}

impl IntoParam for PageNumber {
    fn into_param(value: Option<&str>, _name: &str) -> Result<Self, ParamsError> {
        let page = value.and_then(|value| value.parse::<u32>().ok());
        Ok(PageNumber(page.unwrap_or(1).max(1)))
    }
}

/// The `:id` of a route such as `/admin/accounts/:id`.
#[derive(Params, Clone, Debug, Default, PartialEq, Eq)]
pub struct IdParams {
    pub id: String,
}

/// The query of a page with Reset Password (an account, a domain): what
/// the last post reports back, and whether the form was asked for
/// without JavaScript.
#[derive(Params, Clone, Debug, Default, PartialEq, Eq)]
pub struct ResetQuery {
    /// When the password was reset (unix milliseconds).
    pub reset: Parsed<i64>,
    /// The account's status was changed.
    pub changed: Flag,
    /// The account or domain was just created.
    pub created: Flag,
    /// "Reset Password" posted as a plain GET: show the form.
    pub reset_form: Flag,
}

/// The current query as `T`; a query that does not read at all (only a
/// field type that can fail makes that possible) reads as no query.
pub fn use_query_as<T>() -> Memo<T>
where
    T: Params + Default + Clone + PartialEq + Send + Sync + 'static,
{
    let query = use_query::<T>();
    Memo::new(move |_| query.get().unwrap_or_default())
}

/// The current route's parameters as `T`, or `T::default()` when they do
/// not read.
pub fn use_params_as<T>() -> Memo<T>
where
    T: Params + Default + Clone + PartialEq + Send + Sync + 'static,
{
    let params = use_params::<T>();
    Memo::new(move |_| params.get().unwrap_or_default())
}
