namespace Minimax.Engine.Data;

public enum DataFileFormat
{
    Csv,
    Parquet,
}
