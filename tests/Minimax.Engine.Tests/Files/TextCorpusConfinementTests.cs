using Minimax.Engine.Data;
using Minimax.Engine.Files;
using Minimax.Engine.Tests.Data;
using Minimax.Engine.Text;
using static Minimax.Engine.Tests.Text.TextCorpusFiles;

namespace Minimax.Engine.Tests.Files;

/// <summary>
/// Issue 9 item 1: every file and folder a text reader opens lies physically inside a data root, and no
/// special file is read, however the corpus links to it.
/// </summary>
public sealed class TextCorpusConfinementTests : IDisposable
{
    private readonly TempDirectory root = new();
    private readonly TempDirectory outside = new();

    private DataRoots Roots => new([root.Path]);

    private TextDataOptions Folders(string train) => new(TextFormat.TextFolders, train, Context: 4) { Roots = Roots };

    private TextDataOptions Jsonl(string train) => new(TextFormat.Jsonl, train, Context: 4) { Roots = Roots };

    private string Corpus()
    {
        Write(root.Path, "train/d1/a.txt", "the first domain's text, long enough for windows");
        Write(root.Path, "train/d2/b.txt", "the second domain's text, long enough for windows");
        return Path.Combine(root.Path, "train");
    }

    [Fact]
    public void A_text_file_linked_to_a_file_outside_every_root_is_refused_at_submit_and_when_read()
    {
        var train = Corpus();
        var secret = outside.Write("secret.txt", "another tenant's words, never to be trained on");
        SpecialFiles.Link(Path.Combine(train, "d1", "leak.txt"), secret);

        foreach (var read in new Action[] { () => TextCorpusReader.ValidatePaths(Folders(train)), () => TextCorpusReader.Read(Folders(train)) })
        {
            var error = Assert.Throws<DataException>(read);
            Assert.Equal(Path.Combine(train, "d1", "leak.txt"), error.File);
            Assert.Contains("is outside the data roots", error.Message);
            Assert.DoesNotContain(outside.Path, error.Message);
        }
    }

    [Fact]
    public void A_domain_folder_linked_to_a_folder_outside_every_root_is_refused()
    {
        var train = Corpus();
        Write(outside.Path, "d3/c.txt", "a third domain that lives elsewhere entirely");
        SpecialFiles.Link(Path.Combine(train, "d3"), Path.Combine(outside.Path, "d3"));

        var error = Assert.Throws<DataException>(() => TextCorpusReader.Read(Folders(train)));
        Assert.Equal(Path.Combine(train, "d3"), error.File);
        Assert.Contains("is outside the data roots", error.Message);
    }

    [Fact]
    public void Links_that_stay_inside_the_roots_are_still_followed()
    {
        var train = Corpus();
        Write(root.Path, "elsewhere/d3/c.txt", "a third domain kept in another folder of the root");
        SpecialFiles.Link(Path.Combine(train, "d3"), Path.Combine(root.Path, "elsewhere", "d3"));

        Assert.Equal(["d1", "d2", "d3"], TextCorpusReader.Read(Folders(train)).Domains);
    }

    [Fact]
    public void A_txt_file_linked_to_dev_zero_is_refused_quickly_without_reading_it()
    {
        var train = Corpus();
        SpecialFiles.Link(Path.Combine(train, "d1", "zero.txt"), "/dev/zero");

        var error = SpecialFiles.RefusedQuickly<DataException>(() => TextCorpusReader.Read(Folders(train) with { Roots = new DataRoots(["/"]) }));
        Assert.Equal(Path.Combine(train, "d1", "zero.txt"), error.File);
        Assert.Contains("is a character device, not a regular file", error.Message);
    }

    [Fact]
    public void A_jsonl_file_linked_to_dev_zero_or_outside_the_roots_is_refused()
    {
        var train = Write(root.Path, "jsonl/a.jsonl", Lines(Record("some text in a domain", "d1")));
        var folder = Path.GetDirectoryName(train)!;
        SpecialFiles.Link(Path.Combine(folder, "zero.jsonl"), "/dev/zero");
        var zero = SpecialFiles.RefusedQuickly<DataException>(() => TextCorpusReader.Read(Jsonl(folder) with { Roots = new DataRoots(["/"]) }));
        Assert.Contains("zero.jsonl: is a character device", zero.Message);

        File.Delete(Path.Combine(folder, "zero.jsonl"));
        SpecialFiles.Link(Path.Combine(folder, "leak.jsonl"), outside.Write("leak.jsonl", Lines(Record("secret", "d1"))));
        var leak = Assert.Throws<DataException>(() => TextCorpusReader.ValidatePaths(Jsonl(folder)));
        Assert.Contains("leak.jsonl: is outside the data roots", leak.Message);
        var single = Assert.Throws<DataException>(() => TextCorpusReader.Read(Jsonl(Path.Combine(folder, "leak.jsonl"))));
        Assert.Contains("is outside the data roots", single.Message);
    }

    [Fact]
    public void A_fifo_in_a_corpus_is_refused_without_blocking()
    {
        var train = Corpus();
        SpecialFiles.Fifo(Path.Combine(train, "d2", "pipe.txt"));
        SpecialFiles.Fifo(Path.Combine(root.Path, "jsonl", "pipe.jsonl"));

        var folders = SpecialFiles.RefusedQuickly<DataException>(() => TextCorpusReader.Read(Folders(train)));
        Assert.Contains("pipe.txt: is a FIFO (named pipe), not a regular file", folders.Message);
        var jsonl = SpecialFiles.RefusedQuickly<DataException>(() => TextCorpusReader.Read(Jsonl(Path.Combine(root.Path, "jsonl"))));
        Assert.Contains("pipe.jsonl: is a FIFO", jsonl.Message);
    }

    [Fact]
    public void A_folder_excluded_from_the_roots_is_refused_without_listing_what_it_holds()
    {
        var store = Path.Combine(root.Path, ".minimax", "checkpoints");
        Write(store, "run-tenant-a-secret/final-model", "model bytes");
        var roots = new DataRoots([root.Path], [store]);

        var error = Assert.Throws<DataException>(() => TextCorpusReader.ValidatePaths(Folders(store) with { Roots = roots }));
        Assert.Contains("is outside the data roots", error.Message);
        Assert.DoesNotContain("run-tenant-a-secret", error.Message);
        Assert.Null(roots.Confine(Path.Combine(store, "run-tenant-a-secret", "final-model")));
    }

    public void Dispose()
    {
        root.Dispose();
        outside.Dispose();
    }
}
