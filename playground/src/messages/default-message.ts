// The quickstart's address book as the message editor starts with it (kept apart from the schema
// imports so that Node tests can use it without the bundler plugin).

/** The root type shown first. */
export const DEFAULT_ROOT = 'AddressBook';

/** The quickstart's address book: Alice and Bob. */
export const DEFAULT_MESSAGE = `{
  "people": [
    {
      "id": 123,
      "name": "Alice",
      "email": "alice@example.com",
      "phones": [{ "number": "555-1212", "type": "mobile" }],
      "employment": { "school": "MIT" }
    },
    {
      "id": 456,
      "name": "Bob",
      "email": "bob@example.com",
      "phones": [
        { "number": "555-4567", "type": "home" },
        { "number": "555-7654", "type": "work" }
      ],
      "employment": { "unemployed": null }
    }
  ]
}
`;
