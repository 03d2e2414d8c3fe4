using Minimax.Engine.Tests.Data;
using Minimax.Engine.Text;
using static Minimax.Engine.Tests.Text.TextCorpusFiles;

namespace Minimax.Engine.Tests.Text;

public sealed class TextCorpusReaderTests
{
    private const long Eot = 256;

    [Fact]
    public void Text_folders_join_documents_with_end_of_text_and_order_domains_by_name()
    {
        using var dir = new TempDirectory();
        Write(dir.Path, "train/b/1.txt", "xyz");
        Write(dir.Path, "train/a/2.txt", "de");
        Write(dir.Path, "train/a/1.txt", "abc");
        Write(dir.Path, "train/C/x.jsonl", Lines("""{"text": "pq"}""", "", """{"text": "rs"}"""));
        Write(dir.Path, "train/C/notes.md", "ignored");
        foreach (var domain in new[] { "a", "b", "C" })
        {
            Write(dir.Path, $"heldout/{domain}/h.txt", "0123");
        }

        var corpus = TextCorpusReader.Read(new TextDataOptions(
            TextFormat.TextFolders, Path.Combine(dir.Path, "train"), Context: 2, Heldout: Path.Combine(dir.Path, "heldout")));

        Assert.Equal(["C", "a", "b"], corpus.Domains);
        Assert.Equal(257, corpus.VocabularySize);
        Assert.Equal([5L, 6, 3], corpus.TrainTokenCounts);
        Assert.Equal([2L, 2, 1], corpus.TrainWindowCounts());
        Assert.Equal([0, 1, 2, 0, 1], corpus.Train.Domains);
        long[][] expected =
        [
            [.. Bytes("pq"), Eot], [.. Bytes("ab"), 'c'], [.. Bytes("xyz")],
            [Eot, .. Bytes("rs")], [(long)'c', Eot, 'd'],
        ];
        Assert.Equal(expected, Windows(corpus.Train));
        Assert.Equal([0, 1, 2], corpus.Heldout.Domains);
        Assert.All(Windows(corpus.Heldout), w => Assert.Equal(Bytes("012"), w));
    }

    [Fact]
    public void Jsonl_reads_domains_from_a_dotted_field_across_files_in_name_order()
    {
        using var dir = new TempDirectory();
        Write(dir.Path, "train/b.jsonl", Lines(Record("later", "Pile-CC"), Record("gh", "Github")));
        Write(dir.Path, "train/a.jsonl", Lines(Record("first", "Pile-CC"), Record("arxiv text", "ArXiv")));
        Write(dir.Path, "train/skip.txt", "not read");
        Write(dir.Path, "heldout.jsonl", Lines(Record("12345", "ArXiv"), Record("abcde", "Github"), Record("vwxyz", "Pile-CC")));

        var corpus = TextCorpusReader.Read(new TextDataOptions(
            TextFormat.Jsonl, Path.Combine(dir.Path, "train"), Context: 1, Heldout: Path.Combine(dir.Path, "heldout.jsonl")));

        Assert.Equal(["ArXiv", "Github", "Pile-CC"], corpus.Domains);
        Assert.Equal([10L, 2, 11], corpus.TrainTokenCounts);
        var pile = Enumerable.Range(0, corpus.Train.Count).Where(i => corpus.Train.Domains[i] == 2).Select(i => corpus.Train.Window(i)[0]);
        Assert.Equal([.. Bytes("first"), Eot, .. Bytes("later")[..^1]], pile);
        Assert.Equal(Enumerable.Repeat(4L, 3), corpus.Heldout.Domains.GroupBy(d => d).Select(g => (long)g.Count()));
    }

    [Fact]
    public void Text_and_domain_fields_follow_any_dotted_path()
    {
        using var dir = new TempDirectory();
        var file = Write(dir.Path, "c.jsonl", Lines(
            """{"body": {"content": "hello"}, "source": {"name": {"short": "web"}}}""",
            """{"body": {"content": "world"}, "source": {"name": {"short": "books"}}}"""));

        var corpus = TextCorpusReader.Read(new TextDataOptions(
            TextFormat.Jsonl, file, Context: 1, Heldout: file, TextField: "body.content", DomainField: "source.name.short"));

        Assert.Equal(["books", "web"], corpus.Domains);
        Assert.Equal([5L, 5], corpus.TrainTokenCounts);
        Assert.Equal(Bytes("wo"), corpus.Train.Window(0).ToArray());
        Assert.Equal(Bytes("he"), corpus.Train.Window(1).ToArray());
    }

    [Fact]
    public void Training_windows_interleave_domains_while_they_last()
    {
        using var dir = new TempDirectory();
        Write(dir.Path, "train/a/1.txt", "abcdefg");
        Write(dir.Path, "train/b/1.txt", "xyz");
        Write(dir.Path, "heldout/a/1.txt", "abc");
        Write(dir.Path, "heldout/b/1.txt", "xyzxyz");

        var corpus = TextCorpusReader.Read(new TextDataOptions(
            TextFormat.TextFolders, Path.Combine(dir.Path, "train"), Context: 2, Heldout: Path.Combine(dir.Path, "heldout")));

        Assert.Equal([0, 1, 0, 0], corpus.Train.Domains);
        Assert.Equal([Bytes("abc"), Bytes("xyz"), Bytes("cde"), Bytes("efg")], Windows(corpus.Train));
        Assert.Equal([0, 1, 1], corpus.Heldout.Domains);
        Assert.Equal([0, 1], corpus.Train.Slice(0, 2).Domains);
    }

    [Fact]
    public void Without_a_heldout_path_the_tail_of_each_domain_is_held_out()
    {
        using var dir = new TempDirectory();
        var a = string.Concat(Enumerable.Range(0, 100).Select(i => (char)('a' + i % 26)));
        Write(dir.Path, "a/1.txt", a);
        Write(dir.Path, "b/1.txt", "0123456789abcdefghij");

        var corpus = TextCorpusReader.Read(new TextDataOptions(TextFormat.TextFolders, dir.Path, Context: 4, HeldoutFraction: 0.1));

        Assert.Equal([90L, 15], corpus.TrainTokenCounts);
        Assert.Equal([22L, 3], corpus.TrainWindowCounts());
        Assert.Equal([0, 1, 0], corpus.Heldout.Domains);
        Assert.Equal([Bytes(a[90..95]), Bytes("fghij"), Bytes(a[94..99])], Windows(corpus.Heldout));
        Assert.Equal(Bytes(a[84..89]), corpus.Train.Window(corpus.Train.Count - 1).ToArray());
    }

    [Fact]
    public void Gpt2_corpus_separates_documents_with_its_end_of_text()
    {
        using var dir = new TempDirectory();
        var file = Write(dir.Path, "c.jsonl", Lines(Record("Hello world", "web"), Record("Hello world", "web")));

        var corpus = TextCorpusReader.Read(new TextDataOptions(TextFormat.Jsonl, file, Context: 4, Heldout: file, Tokenizer: TokenizerKind.Gpt2));

        Assert.Equal(50257, corpus.VocabularySize);
        Assert.Equal([15496L, 995, 50256, 15496, 995], corpus.Train.Window(0).ToArray());
    }

    [Fact]
    public void Invalid_utf8_is_replaced()
    {
        using var dir = new TempDirectory();
        WriteBytes(dir.Path, "a/1.txt", [(byte)'a', 0xFF, (byte)'b']);

        var corpus = TextCorpusReader.Read(new TextDataOptions(TextFormat.TextFolders, dir.Path, Context: 4, Heldout: dir.Path));

        Assert.Equal([(long)'a', 0xEF, 0xBF, 0xBD, 'b'], corpus.Train.Window(0).ToArray());
    }

    [Fact]
    public void Validate_paths_checks_the_layout_without_reading_the_text()
    {
        using var dir = new TempDirectory();
        Write(dir.Path, "train/a/1.jsonl", "not json\n");
        Write(dir.Path, "heldout/a/1.txt", "x");

        TextCorpusReader.ValidatePaths(new TextDataOptions(
            TextFormat.TextFolders, Path.Combine(dir.Path, "train"), Context: 8, Heldout: Path.Combine(dir.Path, "heldout")));
        TextCorpusReader.ValidatePaths(new TextDataOptions(TextFormat.Jsonl, Path.Combine(dir.Path, "train/a/1.jsonl"), Context: 8));
    }
}
