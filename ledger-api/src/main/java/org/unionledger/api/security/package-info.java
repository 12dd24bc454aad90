/** Who may do what: built-in users, roles, and the actor carried into every command. */
package org.unionledger.api.security;
