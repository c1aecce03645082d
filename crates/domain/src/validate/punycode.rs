//! Punycode encoding (RFC 3492), to check internationalised domain labels such as
//! `tromsø` by the DNS length and character rules of their ASCII form (`troms-zua`).
//! Encoding only, of already lower-cased labels: a few dozen lines instead of the
//! `idna` crate's Unicode tables in the browser bundle.

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

/// The Punycode of `label` (without the `xn--` prefix); `None` on overflow.
pub fn encode(label: &str) -> Option<String> {
    let code_points: Vec<u32> = label.chars().map(u32::from).collect();
    let mut output: String = label.chars().filter(char::is_ascii).collect();
    let basic = output.len();
    let mut handled = basic;
    if basic > 0 {
        output.push('-');
    }
    let (mut n, mut delta, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    while handled < code_points.len() {
        let next = code_points.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((next - n).checked_mul(handled as u32 + 1)?)?;
        n = next;
        for &c in &code_points {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    output.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                output.push(digit(q));
                bias = adapt(delta, handled as u32 + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(output)
}

fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

fn digit(d: u32) -> char {
    let d = d as u8;
    char::from(if d < 26 { b'a' + d } else { b'0' + d - 26 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_3492_vectors() {
        // Expected values from Python's `str.encode("punycode")`.
        for (label, expected) in [
            ("bücher", "bcher-kva"),
            ("ærlig", "rlig-uoa"),
            ("tromsø", "troms-zua"),
            ("hyvinkää", "hyvink-guaa"),
            ("æøå", "5cab8c"),
            ("bolig-øst", "bolig-st-b5a"),
            ("münchen-straße", "mnchen-strae-v9a90b"),
        ] {
            assert_eq!(encode(label).as_deref(), Some(expected), "{label}");
        }
    }
}
