//! Medical reviews that are due: with site.yaml's `review_every_months`,
//! `gait check` warns about each reviewed post whose `last_reviewed` is
//! older than that.

use chrono::{DateTime, Months, Utc};

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Site;

/// A warning for each post whose review is older than the site allows.
pub fn due(site: &Site, now: DateTime<Utc>, diags: &mut Diagnostics) {
    let Some(months) = site.config.review_every_months else {
        return;
    };
    let Some(oldest) = now.date_naive().checked_sub_months(Months::new(months)) else {
        return;
    };
    for p in &site.posts {
        let Some(review) = &p.doc.review else {
            continue;
        };
        if review.date.0.date_naive() >= oldest {
            continue;
        }
        let span = match months {
            1 => "a month".to_string(),
            n => format!("{n} months"),
        };
        let d = Diagnostic::warning(
            &p.doc.file,
            format!(
                "this post was last reviewed on {}, more than {span} ago",
                review.date.display()
            ),
        )
        .at_line(review.date_line)
        .with_help(
            "have a clinician check it again, then update `last_reviewed` (site.yaml's `review_every_months` sets how often)",
        );
        diags.push(d);
    }
}
