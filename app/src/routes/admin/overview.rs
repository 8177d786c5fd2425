//! `/admin`, the Overview a postmaster lands on: recovery readiness, the
//! last 30 days of resets and lockouts, and the accounts that need
//! attention now. Server-rendered; each chart is a few lines of inline SVG
//! with its figures in a table beside it (no script draws anything).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::admin::api::load_overview;
use crate::admin::{DayCounts, Overview, Readiness};
use crate::i18n::td_string;
use crate::language::{self, Language};
use crate::routes::guard::load_failed;
use crate::time::format_day;

#[component]
pub fn OverviewPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| load_overview());
    let lang = language::current();
    view! {
        <Title text=td_string!(lang, admin.overview)/>
        <h1>{td_string!(lang, admin.overview)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{td_string!(lang, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(error) => load_failed(error, "/login"),
                    Ok(overview) => dashboard(lang, overview).into_any(),
                }
            })}
        </Suspense>
    }
}

fn dashboard(lang: Language, overview: Overview) -> impl IntoView {
    view! {
        <section class="figures" aria-labelledby="attention">
            <h2 id="attention">{td_string!(lang, overview.attention)}</h2>
            <ul class="cards">
                <li>
                    <a href="/admin/accounts?status=locked">
                        <span class="figure">{overview.locked_now}</span>
                        <span>{td_string!(lang, overview.locked_now)}</span>
                    </a>
                </li>
                <li>
                    <a href="/admin/accounts?status=must_change">
                        <span class="figure">{overview.must_change}</span>
                        <span>{td_string!(lang, overview.must_change)}</span>
                    </a>
                </li>
            </ul>
        </section>
        {readiness(lang, overview.readiness)}
        {activity(lang, overview.days)}
    }
}

/// Width of a bar for `value` of `max` in a chart `width` wide (at least a
/// sliver for a non-zero value, so it shows).
fn bar(value: i64, max: i64, width: f64) -> f64 {
    if value <= 0 || max <= 0 {
        0.0
    } else {
        (value as f64 / max as f64 * width).max(1.0)
    }
}

fn readiness(lang: Language, readiness: Readiness) -> impl IntoView {
    let total = readiness.total();
    let rows = [
        (
            td_string!(lang, overview.both),
            readiness.both,
            "series-both",
        ),
        (
            td_string!(lang, overview.sms_only),
            readiness.sms_only,
            "series-sms",
        ),
        (
            td_string!(lang, overview.questions_only),
            readiness.questions_only,
            "series-questions",
        ),
        (
            td_string!(lang, overview.none),
            readiness.none,
            "series-none",
        ),
    ];
    let summary = td_string!(
        lang,
        overview.readiness_summary,
        both = readiness.both,
        sms = readiness.sms_only,
        questions = readiness.questions_only,
        none = readiness.none
    )
    .to_string();
    let share = move |value: i64| {
        if total == 0 {
            "–".to_owned()
        } else {
            format!("{:.0}%", value as f64 * 100.0 / total as f64)
        }
    };
    view! {
        <section aria-labelledby="readiness">
            <h2 id="readiness">{td_string!(lang, overview.readiness)}</h2>
            <p>{td_string!(lang, overview.readiness_lead)}</p>
            <div class="chart-pair">
                <svg class="chart" viewBox="0 0 300 112" role="img" aria-label=summary>
                    {rows
                        .iter()
                        .enumerate()
                        .map(|(n, (_, value, class))| {
                            view! {
                                <rect
                                    class=*class
                                    x="0"
                                    y=(n * 28 + 4).to_string()
                                    height="20"
                                    width=format!("{:.1}", bar(*value, total, 300.0))
                                />
                            }
                        })
                        .collect_view()}
                </svg>
                <table class="figures-table">
                    <thead>
                        <tr>
                            <th scope="col">{td_string!(lang, overview.method)}</th>
                            <th scope="col">{td_string!(lang, overview.employees)}</th>
                            <th scope="col">{td_string!(lang, overview.share)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .iter()
                            .map(|(label, value, class)| {
                                view! {
                                    <tr>
                                        <th scope="row"><span class=format!("swatch {class}")></span>{*label}</th>
                                        <td>{*value}</td>
                                        <td>{share(*value)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <p>
                <a href="/admin/accounts?recovery=none">
                    {td_string!(lang, overview.show_none, count = readiness.none).to_string()}
                </a>
            </p>
        </section>
    }
}

fn activity(lang: Language, days: Vec<DayCounts>) -> impl IntoView {
    let series = [
        (td_string!(lang, overview.self_service), "series-self"),
        (
            td_string!(lang, overview.postmaster_resets),
            "series-postmaster",
        ),
        (td_string!(lang, overview.lockouts), "series-lockouts"),
        (td_string!(lang, overview.unlocks), "series-unlocks"),
    ];
    let mut totals = [0i64; 4];
    for day in &days {
        for (total, value) in totals.iter_mut().zip(day.values()) {
            *total += value;
        }
    }
    let summary = td_string!(
        lang,
        overview.activity_summary,
        self_service = totals[0],
        postmaster = totals[1],
        lockouts = totals[2],
        unlocks = totals[3]
    )
    .to_string();
    let max = days.iter().flat_map(DayCounts::values).max().unwrap_or(0);
    // 30 groups of four bars, 20 units a day, 100 units high.
    let bars = days
        .iter()
        .enumerate()
        .flat_map(|(d, day)| {
            day.values().into_iter().enumerate().map(move |(s, value)| {
                let height = bar(value, max, 100.0);
                (d * 20 + 2 + s * 4, height, series[s].1)
            })
        })
        .filter(|(_, height, _)| *height > 0.0)
        .map(|(x, height, class)| {
            view! {
                <rect
                    class=class
                    x=x.to_string()
                    y=format!("{:.1}", 100.0 - height)
                    width="4"
                    height=format!("{height:.1}")
                />
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="activity">
            <h2 id="activity">{td_string!(lang, overview.activity)}</h2>
            <svg class="chart wide" viewBox="0 0 600 101" role="img" aria-label=summary.clone()>
                <line class="axis" x1="0" y1="100.5" x2="600" y2="100.5"/>
                {bars}
            </svg>
            <ul class="legend">
                {series
                    .iter()
                    .zip(totals)
                    .map(|((label, class), total)| {
                        view! { <li><span class=format!("swatch {class}")></span>{format!("{label} {total}")}</li> }
                    })
                    .collect_view()}
            </ul>
            <details>
                <summary>{td_string!(lang, overview.as_table)}</summary>
                <table class="figures-table">
                    <thead>
                        <tr>
                            <th scope="col">{td_string!(lang, overview.day)}</th>
                            {series.iter().map(|(label, _)| view! { <th scope="col">{*label}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {days
                            .iter()
                            .rev()
                            .map(|day| {
                                view! {
                                    <tr>
                                        <th scope="row">{format_day(day.day)}</th>
                                        {day.values().into_iter().map(|v| view! { <td>{v}</td> }).collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </details>
        </section>
    }
}
