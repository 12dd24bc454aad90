/** Keys of the metadata every command and event carries, and keyed (idempotent) commands. */
package org.unionledger.core.metadata;
