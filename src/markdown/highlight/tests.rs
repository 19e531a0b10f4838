use super::*;

/// The name of the syntax a fence's language selects, as `highlight` finds it.
fn syntax_of(h: &Highlighter, lang: &str) -> Option<String> {
    let set = h.syntaxes.get_or_init(two_face::syntax::extra_newlines);
    let lang = lang.to_ascii_lowercase();
    let token = SESSIONS
        .iter()
        .chain(ALIASES)
        .find(|(name, _)| *name == lang)
        .map_or(lang.as_str(), |(_, ext)| ext);
    set.find_syntax_by_token(token).map(|s| s.name.clone())
}

#[test]
fn fence_names_select_these_syntaxes() {
    let h = Highlighter::new();
    let cases = [
        ("toml", "TOML"),
        ("dockerfile", "Dockerfile"),
        ("Dockerfile", "Dockerfile"),
        ("docker", "Dockerfile"),
        ("ts", "TypeScript"),
        ("typescript", "TypeScript"),
        ("tsx", "TypeScriptReact"),
        ("console", "Bourne Again Shell (bash)"),
        ("powershell", "PowerShell"),
        ("pwsh", "PowerShell"),
        ("ps1", "PowerShell"),
        ("pwsh-session", "PowerShell"),
        ("asm", "x86_64 Assembly"),
        ("nasm", "x86_64 Assembly"),
        ("x86asm", "x86_64 Assembly"),
        ("sql", "SQL"),
        ("postgresql", "SQL"),
        ("nginx", "nginx"),
        ("apache", "Apache Conf"),
        ("htaccess", "Apache Conf"),
        ("diff", "Diff"),
        ("patch", "Diff"),
        ("html", "HTML"),
        ("css", "CSS"),
        ("scss", "SCSS"),
        ("js", "JavaScript (Babel)"),
        ("javascript", "JavaScript (Babel)"),
        ("jsx", "JavaScript (Babel)"),
        ("json", "JSON"),
        ("xml", "XML"),
        ("php", "PHP"),
        ("sh", "Bourne Again Shell (bash)"),
        ("shell", "Bourne Again Shell (bash)"),
        ("bash", "Bourne Again Shell (bash)"),
        ("zsh", "Bourne Again Shell (bash)"),
        ("rs", "Rust"),
        ("rust", "Rust"),
        ("yml", "YAML"),
        ("yaml", "YAML"),
        ("py", "Python"),
        ("python", "Python"),
        ("rb", "Ruby"),
        ("go", "Go"),
        ("golang", "Go"),
        ("c", "C"),
        ("cpp", "C++"),
        ("csharp", "C#"),
        ("java", "Java"),
        ("ini", "INI"),
        ("md", "Markdown"),
        ("makefile", "Makefile"),
    ];
    for (lang, want) in cases {
        assert_eq!(syntax_of(&h, lang).as_deref(), Some(want), "{lang}");
    }
}

#[test]
fn new_languages_are_highlighted() {
    let h = Highlighter::new();
    let cases = [
        ("toml", "[clinic]\nname = \"Juniper\"\n", "hl-toml"),
        (
            "dockerfile",
            "FROM debian:bookworm\nRUN apt-get update\n",
            "hl-dockerfile",
        ),
        (
            "powershell",
            "$d = Get-Date\nWrite-Output $d\n",
            "hl-powershell",
        ),
        ("console", "$ ls -l\ntotal 0\n", "hl-prompt"),
        ("ts", "let n: number = 1;\n", "hl-ts"),
        ("nginx", "server { listen 80; }\n", "hl-nginx"),
        ("asm", "mov eax, 1\n", "hl-asm"),
    ];
    for (lang, code, class) in cases {
        match h.highlight(lang, code) {
            Highlighted::Html(html) => assert!(html.contains(class), "{lang}: {html}"),
            _ => panic!("{lang} was not highlighted"),
        }
    }
}

#[test]
fn plain_names_are_plain_and_load_nothing() {
    let h = Highlighter::new();
    for lang in ["", "text", "TEXT", "txt", "plain", "plaintext", "none"] {
        assert!(
            matches!(h.highlight(lang, "a < b\n"), Highlighted::Plain),
            "{lang}"
        );
    }
    assert!(!h.is_loaded());
    assert!(matches!(
        h.highlight("wasm", "(module)\n"),
        Highlighted::UnknownLanguage
    ));
    assert!(h.is_loaded());
}

#[test]
fn a_session_highlights_commands_and_leaves_output_plain() {
    let h = Highlighter::new();
    let Highlighted::Html(html) = h.highlight("console", "$ echo \"<hi>\" \\\n  | wc -c\n5\n> x\n")
    else {
        panic!("not highlighted");
    };
    assert_eq!(
        html,
        concat!(
            "<span class=\"hl-prompt\">$ </span>",
            "<span class=\"hl-source hl-shell hl-bash\">",
            "<span class=\"hl-meta hl-function-call hl-shell\">",
            "<span class=\"hl-support hl-function hl-echo hl-shell\">echo</span></span>",
            "<span class=\"hl-meta hl-function-call hl-arguments hl-shell\"> ",
            "<span class=\"hl-string hl-quoted hl-double hl-shell\">",
            "<span class=\"hl-punctuation hl-definition hl-string hl-begin hl-shell\">&quot;</span>",
            "&lt;hi&gt;",
            "<span class=\"hl-punctuation hl-definition hl-string hl-end hl-shell\">&quot;</span></span> ",
            "<span class=\"hl-punctuation hl-separator hl-continuation hl-line hl-shell\">\\\n</span></span>",
            "  <span class=\"hl-keyword hl-operator hl-logical hl-pipe hl-shell\">|</span> ",
            "<span class=\"hl-meta hl-function-call hl-shell\">",
            "<span class=\"hl-variable hl-function hl-shell\">wc</span></span>",
            "<span class=\"hl-meta hl-function-call hl-arguments hl-shell\">",
            "<span class=\"hl-variable hl-parameter hl-option hl-shell\">",
            "<span class=\"hl-punctuation hl-definition hl-parameter hl-shell\"> -</span>c</span></span>\n",
            "</span>",
            "<span class=\"hl-output\">5\n</span>",
            "<span class=\"hl-prompt\">&gt; </span>",
            "<span class=\"hl-source hl-shell hl-bash\">",
            "<span class=\"hl-meta hl-function-call hl-shell\">",
            "<span class=\"hl-variable hl-function hl-shell\">x</span></span>\n</span>",
        )
    );
}

#[test]
fn prompt_table() {
    let cases = [
        ("$ ls\n", Some(2)),
        ("$\n", Some(1)),
        ("% make\n", Some(2)),
        ("# apt-get install nginx\n", Some(2)),
        ("> continued\n", Some(2)),
        ("❯ cargo build\n", Some("❯ ".len())),
        ("dana@laptop:~/site$ gait build\n", Some(20)),
        ("root@host:/etc# ls\n", Some(16)),
        ("~/site$ ls\n", Some(8)),
        ("(venv) $ pip install x\n", Some(9)),
        ("PS C:\\Reports> .\\run.ps1\n", Some(15)),
        ("C:\\Users\\dana> dir\n", Some(15)),
        ("total 48\n", None),
        ("100% done\n", None),
        ("-> ok\n", None),
        ("$5 copay\n", None),
        ("#hashtag\n", None),
        ("  indented output\n", None),
        ("(output in brackets)\n", None),
        ("\n", None),
    ];
    for (line, want) in cases {
        assert_eq!(prompt_len(line), want, "{line:?}");
    }
}
