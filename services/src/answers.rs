//! Security-question answers are compared after normalisation (docs/product.md:
//! trim, case, inner whitespace), so "  hangzhou " matches "Hangzhou".

pub fn normalize_answer(answer: &str) -> String {
    answer
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::normalize_answer;

    #[test]
    fn answers_ignore_case_and_extra_whitespace() {
        assert_eq!(
            normalize_answer("  Dream of\tthe  Red Chamber "),
            "dream of the red chamber"
        );
        assert_eq!(
            normalize_answer("Xixi Primary"),
            normalize_answer("xixi   PRIMARY")
        );
    }
}
