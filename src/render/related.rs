//! Related posts: the posts sharing the most categories and tags with a post.
//!
//! To stay fast on large sites, only posts near the post in each term's
//! date-ordered list are considered, so related posts are also close in time.

use crate::model::Site;

/// Candidates taken on each side of the post in each of its terms.
const WINDOW: usize = 40;
pub const MAX_RELATED: usize = 3;

/// For each post, up to three related posts (indices), best first.
pub fn related(site: &Site) -> Vec<Vec<usize>> {
    use rayon::prelude::*;
    (0..site.posts.len())
        .into_par_iter()
        .map(|i| related_to(site, i))
        .collect()
}

fn related_to(site: &Site, i: usize) -> Vec<usize> {
    let post = &site.posts[i];
    // Candidate → score: a shared category counts 2, a shared tag 1.
    let mut sums: std::collections::HashMap<usize, u32, foldhash::fast::FixedState> =
        std::collections::HashMap::with_capacity_and_hasher(256, Default::default());
    let lists = post
        .categories
        .iter()
        .map(|&c| (&site.categories[c].posts, 2))
        .chain(post.tags.iter().map(|&t| (&site.tags[t].posts, 1)));
    for (list, weight) in lists {
        // Term lists are in post order (newest first), so the post can be found by bisection.
        let at = list.partition_point(|&p| p < i);
        let lo = at.saturating_sub(WINDOW);
        let hi = (at + WINDOW + 1).min(list.len());
        for &c in list[lo..hi].iter().filter(|&&c| c != i) {
            *sums.entry(c).or_insert(0) += weight;
        }
    }
    let mut scores: Vec<(usize, u32)> = sums.into_iter().collect();
    // Best score first, then the closest in time. The order is total (ties
    // end on the index), so picking the best three and sorting only them
    // gives the same three as sorting every candidate.
    let order = |a: &(usize, u32), b: &(usize, u32)| {
        b.1.cmp(&a.1)
            .then(a.0.abs_diff(i).cmp(&b.0.abs_diff(i)))
            .then(a.0.cmp(&b.0))
    };
    if scores.len() > MAX_RELATED {
        scores.select_nth_unstable_by(MAX_RELATED - 1, order);
        scores.truncate(MAX_RELATED);
    }
    scores.sort_unstable_by(order);
    // A fresh small vector: collecting from `scores` would keep its whole buffer alive.
    scores.iter().map(|&(c, _)| c).collect()
}
