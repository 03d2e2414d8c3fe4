using Minimax.Engine.Data;
using Minimax.Engine.Evaluation;
using Minimax.Engine.Files;
using Minimax.Engine.Tests.Data;
using Parquet;
using Parquet.Schema;

namespace Minimax.Engine.Tests.Files;

/// <summary>
/// Issue 9 items 1, 3 and 10 for tables and predictions files: confined to the roots, no special files, no
/// raw file bytes in a message, a bounded header read and a bounded Parquet row count.
/// </summary>
public sealed class TabularConfinementTests : IDisposable
{
    // ParquetTable.MaxRows.
    private const int MaxRows = 1 << 26;

    private readonly TempDirectory directory = new();
    private readonly TempDirectory outside = new();

    private TabularDataOptions Options() =>
        SmallTabular.Options(directory, SmallTabular.Train, SmallTabular.Holdout, SmallTabular.Holdout) with { Roots = new DataRoots([directory.Path]) };

    [Fact]
    public void A_csv_split_linked_outside_the_roots_is_refused_at_submit_and_when_read()
    {
        var options = Options();
        File.Delete(options.ValPath);
        File.CreateSymbolicLink(options.ValPath, outside.Write("secret.csv", SmallTabular.Holdout));

        foreach (var read in new Action[] { () => TabularDatasetReader.ValidateColumns(options), () => TabularDatasetReader.Read(options) })
        {
            var error = Assert.Throws<DataException>(read);
            Assert.Equal(options.ValPath, error.File);
            Assert.Contains("is outside the data roots", error.Message);
        }
    }

    [Fact]
    public void A_csv_split_linked_to_dev_zero_is_refused_quickly()
    {
        var options = Options() with { Roots = new DataRoots(["/"]) };
        File.Delete(options.TestPath);
        File.CreateSymbolicLink(options.TestPath, "/dev/zero");

        var header = SpecialFiles.RefusedQuickly<DataException>(() => TabularDatasetReader.ValidateColumns(options));
        Assert.Contains("test.csv: is a character device", header.Message);
        SpecialFiles.RefusedQuickly<DataException>(() => TabularDatasetReader.Read(options));
    }

    [Fact]
    public void A_predictions_file_that_is_a_fifo_is_refused_without_blocking()
    {
        var pipe = Path.Combine(directory.Path, "predictions.csv");
        SpecialFiles.Fifo(pipe);

        var error = SpecialFiles.RefusedQuickly<DataException>(() => PredictionsFile.Read(pipe, 2, 100, new DataRoots([directory.Path])));
        Assert.Contains("is a FIFO (named pipe)", error.Message);
    }

    [Fact]
    public void A_binary_file_read_as_a_csv_shows_only_a_short_escaped_excerpt_of_its_header()
    {
        var model = new byte[4096];
        new Random(5).NextBytes(model);
        model[10] = (byte)',';
        model[200] = (byte)'\n';
        var options = Options();
        File.WriteAllBytes(options.TrainPath, model);

        var error = Assert.Throws<DataException>(() => TabularDatasetReader.ValidateColumns(options));
        Assert.Contains("no such column; the file has '", error.Message);
        Assert.True(error.Message.All(ch => ch is >= ' ' and <= '~'), $"the message holds unprintable characters: {error.Message}");
        Assert.True(error.Message.Length < 600, $"the message is {error.Message.Length} characters long");
    }

    [Fact]
    public void A_csv_without_a_line_break_is_refused_after_a_bounded_header_read()
    {
        var options = Options();
        File.WriteAllText(options.TrainPath, new string('y', 64 << 20));

        var error = SpecialFiles.RefusedQuickly<DataException>(() => TabularDatasetReader.ValidateColumns(options));
        Assert.Contains("the header row is longer than 1048576 characters", error.Message);
    }

    [Fact]
    public async Task A_parquet_file_stating_more_rows_than_the_limit_is_refused_before_a_column_is_sized_by_them()
    {
        var file = Path.Combine(directory.Path, "many.parquet");
        var field = new DataField<bool>("y");
        var rows = new bool[1 << 20];
        await using (var stream = File.Create(file))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(field), stream))
        {
            for (var group = 0; group <= MaxRows / rows.Length; group++)
            {
                using var rowGroup = writer.CreateRowGroup();
                await rowGroup.WriteAsync<bool>(field, rows.AsMemory());
            }
        }

        var options = new TabularDataOptions(DataFileFormat.Parquet, file, file, file, "y", null, [], [], false);

        var submit = Assert.Throws<DataException>(() => TabularDatasetReader.ValidateColumns(options));
        Assert.Contains($"at most {MaxRows} rows are read from one file", submit.Message);
        SpecialFiles.RefusedQuickly<DataException>(() => TabularDatasetReader.Read(options));
    }

    public void Dispose()
    {
        directory.Dispose();
        outside.Dispose();
    }
}
