using System.Text.Json;

namespace CodingRules.Encounters;

public static partial class EncounterReader
{
    private static class PriorAuthorizationField
    {
        public const int Status = 0;
        public const uint Required = 1u << Status;
        public static readonly string[] Names = ["status"];
    }

    private static readonly AllowedValues PriorAuthorizationStatuses = new(EncounterContract.PriorAuthorizationStatuses);

    private ref partial struct RecordParser
    {
        /// <summary>The <c>status</c> of a <c>priorAuthorization</c> object, or null when absent (null) or invalid.</summary>
        private string? ReadPriorAuthorization()
        {
            if (_reader.TokenType == JsonTokenType.Null || !Expect(JsonTokenType.StartObject, "object"))
            {
                return null;
            }

            // Note: an object rather than a bare status string leaves room for an authorization number and dates
            // without breaking callers.
            string? status = null;
            uint seen = 0;
            while (NextProperty())
            {
                int field = _reader.ValueTextEquals("status"u8) ? PriorAuthorizationField.Status : -1;
                if (!Claim(field, ref seen, PriorAuthorizationField.Names))
                {
                    continue;
                }

                int index = ReadChoice(PriorAuthorizationStatuses, optional: false);
                status = index < 0 ? null : PriorAuthorizationStatuses.Values[index];
                _path.Pop();
            }

            RequireAll(seen, PriorAuthorizationField.Required, PriorAuthorizationField.Names);
            return status;
        }
    }
}
