using Minimax.Engine.Evaluation;
using Minimax.Engine.Tests.Data;

namespace Minimax.Engine.Tests.Evaluation;

public sealed class PredictionsFileCsvTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Reads_ids_predictions_and_quoted_responses()
    {
        var file = directory.Write("p.csv",
            "id,prediction,response\n" +
            "a,1,plain\n" +
            "b,0,\"with, a comma\"\n" +
            "c,2,\"she said \"\"no\"\"\"\n" +
            "d,1,\"two\nlines\"\n" +
            "e,0,\n");

        var records = PredictionsFile.Read(file, 3, 100);

        Assert.Equal(
            [
                new PredictionRecord("a", 1, "plain", 2),
                new PredictionRecord("b", 0, "with, a comma", 3),
                new PredictionRecord("c", 2, "she said \"no\"", 4),
                new PredictionRecord("d", 1, "two\nlines", 5),
                new PredictionRecord("e", 0, "", 7),
            ],
            records);
    }

    [Fact]
    public void Columns_may_come_in_any_order_with_extras_crlf_and_blank_lines()
    {
        var file = directory.Write("p.csv", "\uFEFFscore,prediction,id\r\n0.3, 1 , x7 \r\n\r\n0.9,0,\"y8\"\r\n");

        var records = PredictionsFile.Read(file, 2, 100);

        Assert.Equal([new PredictionRecord("x7", 1, null, 2), new PredictionRecord("y8", 0, null, 4)], records);
    }

    [Fact]
    public void A_header_alone_is_no_records()
    {
        Assert.Empty(PredictionsFile.Read(directory.Write("p.csv", "id,prediction\n"), 2, 10));
    }

    [Theory]
    [InlineData("prediction,response\n1,x\n", "id")]
    [InlineData("id,response\na,x\n", "prediction")]
    public void A_missing_column_names_the_column(string content, string column)
    {
        var file = directory.Write("p.csv", content);
        DataErrorAssert.Throws(() => PredictionsFile.Read(file, 2, 10), file, 1, column);
    }

    [Theory]
    [InlineData("id,prediction\na,1\n ,0\n", 3)]
    [InlineData("id,prediction\n\"\",0\n", 2)]
    public void An_empty_id_is_an_error(string content, int line)
    {
        var file = directory.Write("p.csv", content);
        var error = DataErrorAssert.Throws(() => PredictionsFile.Read(file, 2, 10), file, line, "id");
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_id_names_both_lines()
    {
        var file = directory.Write("p.csv", "id,prediction,response\na,1,\"x\ny\"\nb,0,z\na,0,w\n");
        var error = DataErrorAssert.Throws(() => PredictionsFile.Read(file, 2, 10), file, 5, "id");
        Assert.Contains("'a' appears twice, on lines 2 and 5", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("1e0")]
    [InlineData("")]
    public void A_prediction_that_is_not_an_integer_is_an_error(string value)
    {
        var file = directory.Write("p.csv", $"id,prediction\na,1\nb,{value}\n");
        DataErrorAssert.Throws(() => PredictionsFile.Read(file, 2, 10), file, 3, "prediction");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("3")]
    [InlineData("99999999999999")]
    public void A_prediction_outside_the_classes_is_an_error(string value)
    {
        var file = directory.Write("p.csv", $"id,prediction\na,{value}\n");
        var error = DataErrorAssert.Throws(() => PredictionsFile.Read(file, 3, 10), file, 2, "prediction");
        Assert.Contains("expected 0 to 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_records_than_allowed_is_an_error_at_the_first_one_too_many()
    {
        var file = directory.Write("p.csv", "id,prediction\na,0\nb,1\nc,0\n");
        Assert.Equal(3, PredictionsFile.Read(file, 2, 3).Count);
        var error = DataErrorAssert.Throws(() => PredictionsFile.Read(file, 2, 2), file, 4, null);
        Assert.Contains("more than 2 records", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_an_error()
    {
        var file = directory.Write("p.csv", "id,prediction\na,0\nb,1,extra\n");
        DataErrorAssert.Throws(() => PredictionsFile.Read(file, 2, 10), file, 3, null);
    }

    [Fact]
    public void An_unclosed_quote_is_an_error_at_its_record()
    {
        var file = directory.Write("p.csv", "id,prediction,response\na,0,x\nb,1,\"never\nclosed\n");
        var error = DataErrorAssert.Throws(() => PredictionsFile.Read(file, 2, 10), file, 3, null);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_an_error()
    {
        var file = directory.Write("p.csv", "");
        DataErrorAssert.Throws(() => PredictionsFile.Read(file, 2, 10), file, null, null);
    }

    [Fact]
    public void A_missing_file_is_an_error()
    {
        var file = Path.Combine(directory.Path, "absent.csv");
        var error = DataErrorAssert.Throws(() => PredictionsFile.Read(file, 2, 10), file, null, null);
        Assert.Contains("the file does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_extensions_are_an_error()
    {
        var file = directory.Write("p.tsv", "id\tprediction\n");
        var error = DataErrorAssert.Throws(() => PredictionsFile.Read(file, 2, 10), file, null, null);
        Assert.Contains(".csv or .jsonl", error.Message, StringComparison.Ordinal);
    }
}
