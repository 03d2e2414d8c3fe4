using Google.Protobuf;

namespace Minimax.Client.Runs;

/// <summary>The JSON form of API messages: proto field names (snake_case), defaults included.</summary>
internal static class ReportJson
{
    private static readonly JsonFormatter Formatter =
        new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithPreserveProtoFieldNames(true));

    public static void Write(TextWriter stdout, IMessage message)
    {
        stdout.WriteLine(Formatter.Format(message));
        stdout.Flush();
    }
}
