using Minimax.Engine.Data;
using Minimax.Engine.Tests.Data;
using Minimax.Engine.Text;
using static Minimax.Engine.Tests.Text.TextCorpusFiles;

namespace Minimax.Engine.Tests.Text;

public sealed class TextCorpusErrorTests
{
    private static DataException ReadJsonl(string file, string? heldout = null, int maxDomains = 256) =>
        Assert.Throws<DataException>(() => TextCorpusReader.Read(new TextDataOptions(
            TextFormat.Jsonl, file, Context: 2, Heldout: heldout ?? file, MaxDomains: maxDomains)));

    [Theory]
    [InlineData("{\"text\": \"abc\", \"meta\": ", null, "invalid JSON")]
    [InlineData("[1, 2]", null, "not an object")]
    [InlineData("{\"meta\": {\"pile_set_name\": \"a\"}}", "text", "no such field")]
    [InlineData("{\"text\": \"abc\", \"meta\": {\"name\": \"a\"}}", "meta.pile_set_name", "no such field")]
    [InlineData("{\"text\": \"abc\", \"meta\": \"a\"}", "meta.pile_set_name", "no such field")]
    [InlineData("{\"text\": 7, \"meta\": {\"pile_set_name\": \"a\"}}", "text", "number, not a string")]
    [InlineData("{\"text\": \"abc\", \"meta\": {\"pile_set_name\": null}}", "meta.pile_set_name", "null, not a string")]
    [InlineData("{\"text\": \"abc\", \"meta\": {\"pile_set_name\": \"\"}}", "meta.pile_set_name", "domain name is empty")]
    public void A_bad_record_names_its_file_line_and_field(string record, string? field, string problem)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("c.jsonl", Lines(Record("abcdef", "a"), "", record));

        var error = ReadJsonl(file);

        Assert.Equal(file, error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal(field, error.Column);
        Assert.Contains(problem, error.Message);
        Assert.StartsWith($"{file} line 3", error.Message);
    }

    [Fact]
    public void A_bad_record_in_a_domain_folder_names_its_file_and_line()
    {
        using var dir = new TempDirectory();
        var file = Write(dir.Path, "web/1.jsonl", Lines("""{"text": "abcdef"}""", """{"body": "x"}"""));

        var error = Assert.Throws<DataException>(() => TextCorpusReader.Read(new TextDataOptions(TextFormat.TextFolders, dir.Path, Context: 2)));

        Assert.Equal((file, 2, "text"), (error.File, error.Line, error.Column));
    }

    [Fact]
    public void An_empty_corpus_is_an_error()
    {
        using var dir = new TempDirectory();
        var empty = dir.Write("empty.jsonl", "\n\n");
        var blank = dir.Write("blank.jsonl", Lines(Record("", "a")));

        Assert.Contains("no documents", ReadJsonl(empty).Message);
        Assert.Contains("no text", ReadJsonl(blank).Message);
    }

    [Fact]
    public void Folders_without_domains_or_text_are_errors()
    {
        using var dir = new TempDirectory();
        var noDomains = Directory.CreateDirectory(Path.Combine(dir.Path, "none")).FullName;
        Write(dir.Path, "stray/a/1.txt", "abc");
        var stray = Write(dir.Path, "stray/top.txt", "abc");
        var emptyDomain = Directory.CreateDirectory(Path.Combine(dir.Path, "hollow", "a")).FullName;

        Assert.Contains("no domain subfolders", Validate(noDomains).Message);
        Assert.Equal(stray, Validate(Path.Combine(dir.Path, "stray")).File);
        var hollow = Validate(Path.Combine(dir.Path, "hollow"));
        Assert.Equal(emptyDomain, hollow.File);
        Assert.Contains("no .txt or .jsonl files", hollow.Message);

        static DataException Validate(string train) =>
            Assert.Throws<DataException>(() => TextCorpusReader.ValidatePaths(new TextDataOptions(TextFormat.TextFolders, train, Context: 2)));
    }

    [Fact]
    public void Too_many_domains_is_an_error()
    {
        using var dir = new TempDirectory();
        foreach (var domain in new[] { "a", "b", "c" })
        {
            Write(dir.Path, $"folders/{domain}/1.txt", "abcdefgh");
        }

        var file = dir.Write("c.jsonl", Lines(Record("abcdef", "a"), Record("abcdef", "b"), Record("abcdef", "c")));

        var folders = Assert.Throws<DataException>(() => TextCorpusReader.Read(new TextDataOptions(
            TextFormat.TextFolders, Path.Combine(dir.Path, "folders"), Context: 2, MaxDomains: 2)));
        Assert.Contains("at most 2 domains", folders.Message);

        var jsonl = ReadJsonl(file, maxDomains: 2);
        Assert.Equal((file, 3, "meta.pile_set_name"), (jsonl.File, jsonl.Line, jsonl.Column));
        Assert.Contains("'c'", jsonl.Message);
    }

    [Fact]
    public void Missing_paths_are_named()
    {
        using var dir = new TempDirectory();
        var missing = Path.Combine(dir.Path, "nowhere");
        var train = dir.Write("c.jsonl", Lines(Record("abcdef", "a")));

        foreach (var options in new[]
        {
            new TextDataOptions(TextFormat.Jsonl, missing, Context: 2),
            new TextDataOptions(TextFormat.TextFolders, missing, Context: 2),
            new TextDataOptions(TextFormat.Jsonl, train, Context: 2, Heldout: missing),
        })
        {
            var error = Assert.Throws<DataException>(() => TextCorpusReader.ValidatePaths(options));
            Assert.Equal(missing, error.File);
            Assert.Contains("does not exist", error.Message);
        }
    }

    [Fact]
    public void Heldout_domains_must_be_the_training_domains()
    {
        using var dir = new TempDirectory();
        var train = dir.Write("train.jsonl", Lines(Record("abcdef", "a"), Record("abcdef", "b")));
        var unknown = dir.Write("unknown.jsonl", Lines(Record("abcdef", "a"), Record("abcdef", "b"), Record("abcdef", "z")));
        var partial = dir.Write("partial.jsonl", Lines(Record("abcdef", "a")));
        Write(dir.Path, "folders/train/a/1.txt", "abcdef");
        Write(dir.Path, "folders/heldout/a/1.txt", "abcdef");
        Write(dir.Path, "folders/heldout/z/1.txt", "abcdef");

        var stranger = ReadJsonl(train, unknown);
        Assert.Equal((unknown, 3), (stranger.File, stranger.Line));
        Assert.Contains("'z' is not among the training domains", stranger.Message);
        Assert.Contains("'b' has no held-out text", ReadJsonl(train, partial).Message);
        var folder = Assert.Throws<DataException>(() => TextCorpusReader.ValidatePaths(new TextDataOptions(
            TextFormat.TextFolders, Path.Combine(dir.Path, "folders/train"), Context: 2, Heldout: Path.Combine(dir.Path, "folders/heldout"))));
        Assert.Contains("'z' is not among the training domains", folder.Message);
    }

    [Fact]
    public void A_domain_too_small_for_one_window_names_the_domain_and_counts()
    {
        using var dir = new TempDirectory();
        var train = dir.Write("train.jsonl", Lines(Record("abcdef", "big"), Record("ab", "small")));
        var heldout = dir.Write("heldout.jsonl", Lines(Record("ab", "big"), Record("abcdef", "small")));

        var inTrain = ReadJsonl(train);
        Assert.Equal(train, inTrain.File);
        Assert.Contains("domain 'small' has 2 training tokens, fewer than the 3", inTrain.Message);

        var enough = dir.Write("enough.jsonl", Lines(Record("abcdef", "big"), Record("abcdef", "small")));
        var inHeldout = ReadJsonl(enough, heldout);
        Assert.Equal(heldout, inHeldout.File);
        Assert.Contains("domain 'big' has 2 held-out tokens, fewer than the 3", inHeldout.Message);

        var tight = dir.Write("tight.jsonl", Lines(Record("abcde", "big")));
        var split = Assert.Throws<DataException>(() => TextCorpusReader.Read(new TextDataOptions(TextFormat.Jsonl, tight, Context: 2)));
        Assert.Equal(tight, split.File);
        Assert.Contains("domain 'big' has 5 tokens: holding out 3", split.Message);
        Assert.Contains("leaves 2 for training", split.Message);
    }

    [Fact]
    public void A_domain_over_the_token_cap_is_an_error()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("c.jsonl", Lines(Record("abcdef", "a"), Record("abcdef", "a")));

        var error = Assert.Throws<DataException>(() => TextCorpusReader.Read(new TextDataOptions(
            TextFormat.Jsonl, file, Context: 2, Heldout: file, MaxTokensPerDomain: 10)));

        Assert.Equal((file, 2), (error.File, error.Line));
        Assert.Contains("passes 10 tokens", error.Message);
    }

    [Theory]
    [InlineData(0, 0.1, "text", "context")]
    [InlineData(4, 0.0, "text", "held-out fraction")]
    [InlineData(4, 1.0, "text", "held-out fraction")]
    [InlineData(4, 0.1, "meta..text", "not a dotted path")]
    public void Bad_options_are_reported_before_reading(int context, double fraction, string textField, string problem)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("c.jsonl", Lines(Record("abcdef", "a")));

        var error = Assert.Throws<DataException>(() => TextCorpusReader.ValidatePaths(new TextDataOptions(
            TextFormat.Jsonl, file, context, HeldoutFraction: fraction, TextField: textField)));

        Assert.Contains(problem, error.Message);
    }
}
