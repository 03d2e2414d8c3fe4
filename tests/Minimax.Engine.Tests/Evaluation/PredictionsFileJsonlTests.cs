using Minimax.Engine.Evaluation;
using Minimax.Engine.Tests.Data;

namespace Minimax.Engine.Tests.Evaluation;

public sealed class PredictionsFileJsonlTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Reads_string_and_integer_ids_with_optional_responses()
    {
        var file = directory.Write("p.jsonl",
            "{\"id\": \"q1\", \"prediction\": 2, \"response\": \"As a result, (C).\\nAnswer: C\"}\n" +
            "\n" +
            "{\"prediction\": 0, \"id\": 17}\r\n" +
            "{\"id\": \"q3\", \"prediction\": 1, \"response\": null, \"extra\": [1, 2]}\n");

        var records = PredictionsFile.Read(file, 3, 100);

        Assert.Equal(
            [
                new PredictionRecord("q1", 2, "As a result, (C).\nAnswer: C", 1),
                new PredictionRecord("17", 0, null, 3),
                new PredictionRecord("q3", 1, null, 4),
            ],
            records);
    }

    [Fact]
    public void Bad_json_names_the_line()
    {
        var file = directory.Write("p.jsonl", "{\"id\": \"a\", \"prediction\": 0}\n{\"id\": \"b\", \"prediction\": 1\n");
        var error = DataErrorAssert.Throws(() => PredictionsFile.Read(file, 2, 10), file, 2, null);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"a\"")]
    public void A_line_that_is_not_an_object_is_an_error(string line)
    {
        var file = directory.Write("p.jsonl", line + "\n");
        DataErrorAssert.Throws(() => PredictionsFile.Read(file, 2, 10), file, 1, null);
    }

    [Theory]
    [InlineData("{\"prediction\": 0}", "id")]
    [InlineData("{\"id\": null, \"prediction\": 0}", "id")]
    [InlineData("{\"id\": true, \"prediction\": 0}", "id")]
    [InlineData("{\"id\": 1.5, \"prediction\": 0}", "id")]
    [InlineData("{\"id\": \"\", \"prediction\": 0}", "id")]
    [InlineData("{\"id\": \"a\"}", "prediction")]
    [InlineData("{\"id\": \"a\", \"prediction\": \"1\"}", "prediction")]
    [InlineData("{\"id\": \"a\", \"prediction\": 1.5}", "prediction")]
    [InlineData("{\"id\": \"a\", \"prediction\": 2}", "prediction")]
    [InlineData("{\"id\": \"a\", \"prediction\": -1}", "prediction")]
    [InlineData("{\"id\": \"a\", \"prediction\": 0, \"response\": 3}", "response")]
    public void A_bad_field_is_named_with_its_line(string record, string field)
    {
        var file = directory.Write("p.jsonl", "{\"id\": \"first\", \"prediction\": 1}\n" + record + "\n");
        DataErrorAssert.Throws(() => PredictionsFile.Read(file, 2, 10), file, 2, field);
    }

    [Fact]
    public void An_integer_id_and_the_same_string_id_are_duplicates()
    {
        var file = directory.Write("p.jsonl", "{\"id\": 7, \"prediction\": 1}\n\n{\"id\": \"7\", \"prediction\": 0}\n");
        var error = DataErrorAssert.Throws(() => PredictionsFile.Read(file, 2, 10), file, 3, "id");
        Assert.Contains("lines 1 and 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_records_than_allowed_is_an_error()
    {
        var file = directory.Write("p.jsonl", "{\"id\": 1, \"prediction\": 1}\n{\"id\": 2, \"prediction\": 1}\n");
        var error = DataErrorAssert.Throws(() => PredictionsFile.Read(file, 2, 1), file, 2, null);
        Assert.Contains("more than 1 records", error.Message, StringComparison.Ordinal);
    }
}
